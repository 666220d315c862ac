import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../local/repo-root';
import { synthesizedOrderWorkflow } from '../../local/synthesized-order-workflow';
import { type AslDefinition, mermaidStateDiagram, withDiagram } from '../../scripts/state-machine-diagram';

describe('the README’s state-machine diagram', () => {
  const definition = synthesizedOrderWorkflow().definition as unknown as AslDefinition;
  const diagram = mermaidStateDiagram(definition);

  it('is what `npm run diagram` makes of the synthesized definition today (run it if this fails)', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    expect(withDiagram(readme, diagram)).toBe(readme);
  });

  it('draws every state and the Catch edges into the rollback', () => {
    for (const state of Object.keys(definition.States)) expect(diagram).toContain(state);
    expect(diagram).toContain('Reserve --> Rollback: Catch States.ALL');
    expect(diagram).toContain('Commit --> Rollback: Catch States.ALL');
    expect(diagram).toContain('Rollback --> Failed');
  });
});
