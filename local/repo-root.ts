import { fileURLToPath } from 'node:url';

/**
 * The checkout this module belongs to. Resolved from the module's own location rather than the
 * working directory, so every script started from anywhere in the same checkout agrees on it.
 */
export const repoRoot: string = fileURLToPath(new URL('..', import.meta.url));
