import { parseOptions, USAGE, UsageError } from './options';
import { activeServer, runCheck } from './run-check';

/**
 * `npm run check`. Exit status 0 when every invariant holds, 1 on a violation or when the check
 * could not run, 2 on bad usage. Whatever happens, the server's process group does not outlive us.
 */
const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}

const killServer = (): void => activeServer.current?.killNow();
process.on('exit', killServer);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    killServer();
    process.exit(130);
  });
}

let exitCode = 1;
try {
  const options = parseOptions(argv);
  const { ok, report } = await runCheck(options, argv);
  console.log(report);
  exitCode = ok ? 0 : 1;
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    exitCode = 2;
  } else {
    console.error('The check could not run:', error);
  }
}
// Workers of a failed run may still be waiting to retry; they must not keep us, or the server, alive.
process.exit(exitCode);
