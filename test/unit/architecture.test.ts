import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../local/repo-root';

/** Every TypeScript file under `folder`, relative to the repository root. */
function sourcesUnder(folder: string): string[] {
  return readdirSync(join(repoRoot, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)));
}

const importsOf = (file: string): string[] =>
  [...readFileSync(join(repoRoot, file), 'utf8').matchAll(/from '([^']+)'/g)].map((match) => match[1] ?? '');

/**
 * What ships to Lambda is `lambdas/` and what it imports from `common/`. Neither may reach the local
 * stack (its fault switch and state-machine runner must never be in the AWS build), the checker, the
 * benchmark, or the CDK app; and the domain stays free of HTTP except in its adapter folder.
 */
describe('the dependency rule', () => {
  const shipped = [...sourcesUnder('lambdas'), ...sourcesUnder('common')];

  it.each(shipped)('%s imports nothing from local/, check/, bench/, lib/ or the CDK', (file) => {
    for (const target of importsOf(file)) {
      expect(target, `${file} imports ${target}`).not.toMatch(
        /(^|\/)(local|check|bench|lib)\/|^aws-cdk-lib|^constructs$|^aws-local-stepfunctions/,
      );
    }
  });

  it.each(sourcesUnder('common').filter((file) => !file.startsWith('common/http/')))(
    '%s (domain) does not import the HTTP adapter',
    (file) => {
      for (const target of importsOf(file))
        expect(target, `${file} imports ${target}`).not.toMatch(/\/http\//);
    },
  );
});
