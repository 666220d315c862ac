import { mintToken, USER_ID_PATTERN } from './tokens';

/** `npm run -s token -- <userId> [--admin]`: the token goes alone on the last line so scripts can take it with `tail -n 1`. */
const USAGE = 'Usage: npm run -s token -- <userId> [--admin]\n  userId: 1 to 128 of A-Z a-z 0-9 . _ @ -';

function parseArguments(argv: readonly string[]): { userId: string; admin: boolean } | undefined {
  const flags = argv.filter((argument) => argument.startsWith('--'));
  const positionals = argv.filter((argument) => !argument.startsWith('--'));
  const [userId] = positionals;
  const knownFlags = flags.every((flag) => flag === '--admin');
  if (positionals.length !== 1 || userId === undefined || !knownFlags || !USER_ID_PATTERN.test(userId)) {
    return undefined;
  }
  return { userId, admin: flags.includes('--admin') };
}

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
const parsed = parseArguments(argv);
if (!parsed) {
  console.error(USAGE);
  process.exit(2);
}
console.log(await mintToken(parsed.userId, { admin: parsed.admin }));
