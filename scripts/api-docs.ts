import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../local/repo-root';

/** Where `npm run docs` writes the API reference; `.local/` is git-ignored. */
export const API_DOCS_FILE = join(repoRoot, '.local', 'api-docs', 'index.html');

/**
 * openapi.yaml as one HTML page, rendered by Redoc. `--inlineBundle` puts Redoc's script into the
 * page; without it the page loads Redoc from Redocly's CDN and shows nothing offline.
 */
export async function buildApiDocs(file = API_DOCS_FILE): Promise<string> {
  const output = resolve(file);
  mkdirSync(dirname(output), { recursive: true });
  const redocly = join(repoRoot, 'node_modules', '.bin', 'redocly');
  await promisify(execFile)(
    redocly,
    ['build-docs', join(repoRoot, 'openapi.yaml'), '--inlineBundle', '--output', output],
    { cwd: repoRoot, env: { ...process.env, REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' } },
  );
  return output;
}
