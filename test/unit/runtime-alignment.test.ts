import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../local/repo-root';
import { catalogFunctionsByEntry, lockstepTemplate, resource } from '../infra/lockstep-template';

const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const pinnedNode = packageJson.devDependencies.node;
const pinnedBin = join(repoRoot, 'node_modules', '.bin');
/** Set by scripts/test-on-machine-node.sh, which runs this suite on the machine's Node.js on purpose. */
const onMachineNode = process.env.LOCKSTEP_TEST_NODE === 'machine';

describe('the Node.js the tests run on is the one Lambda runs', () => {
  it('package.json pins Node.js to an exact version of the major that lockstep’s functions run on', () => {
    const template = lockstepTemplate();
    const runtimes = new Set(
      [...catalogFunctionsByEntry(template).values()].map(
        (logicalId) => resource(template, logicalId).Properties?.Runtime,
      ),
    );
    expect(pinnedNode).toMatch(/^\d+\.\d+\.\d+$/);
    expect([...runtimes]).toEqual([`nodejs${pinnedNode?.split('.')[0]}.x`]);
  });

  it.skipIf(onMachineNode)('npm test runs on the pinned Node.js, not the machine’s', () => {
    expect(process.version).toBe(`v${pinnedNode}`);
  });

  it.runIf(onMachineNode)('the machine-Node run really is on another Node.js', () => {
    expect(process.version).not.toBe(`v${pinnedNode}`);
  });

  it('npm, run on the pinned Node.js, finds every installed package’s engines met: no EBADENGINE', () => {
    const npm = spawnSync(
      'npm',
      [
        'install',
        '--dry-run',
        '--offline',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--loglevel=verbose',
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, PATH: `${pinnedBin}${delimiter}${process.env.PATH ?? ''}` },
        encoding: 'utf8',
      },
    );
    const output = `${npm.stdout}${npm.stderr}`;
    expect(npm.status, output).toBe(0);
    expect(output).toContain(`npm verbose node v${pinnedNode}`);
    expect(output).not.toContain('EBADENGINE');
  });
});
