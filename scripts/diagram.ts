import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../local/repo-root';
import { synthesizedOrderWorkflow } from '../local/synthesized-order-workflow';
import { type AslDefinition, mermaidStateDiagram, withDiagram } from './state-machine-diagram';

/** `npm run diagram`: writes the synthesized order state machine into README.md as Mermaid. */
const readmePath = join(repoRoot, 'README.md');
const definition = synthesizedOrderWorkflow().definition as unknown as AslDefinition;
const readme = readFileSync(readmePath, 'utf8');
const updated = withDiagram(readme, mermaidStateDiagram(definition));
if (updated === readme) {
  console.log('README.md diagram is up to date');
} else {
  writeFileSync(readmePath, updated);
  console.log('README.md diagram updated');
}
