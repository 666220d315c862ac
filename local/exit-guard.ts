import type { ChildProcess } from 'node:child_process';

/**
 * Keeps child processes from outliving us. A JVM does not notice that its parent died, so without
 * this a crash or a Ctrl-C in a caller that has no signal handler of its own would leave DynamoDB
 * Local holding its port. A SIGKILL of our process cannot be intercepted; nothing here helps then.
 */
const guarded = new Set<ChildProcess>();
const EXIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function killGuarded(): void {
  for (const child of guarded) child.kill('SIGTERM');
}

/**
 * A caller with its own handler for the signal (the local server's orderly stop) is left to it; if
 * that handler ends the process, the exit hook still kills what is left. Without one, our listener
 * would suppress Node's default "terminate on signal", so we kill the children and restore it.
 */
function onExitSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  killGuarded();
  uninstall();
  process.kill(process.pid, signal);
}

function install(): void {
  process.on('exit', killGuarded);
  for (const signal of EXIT_SIGNALS) process.on(signal, onExitSignal);
}

function uninstall(): void {
  process.off('exit', killGuarded);
  for (const signal of EXIT_SIGNALS) process.off(signal, onExitSignal);
}

/** Kills `child` when this process exits or receives an exit signal, until the child exits by itself. */
export function killOnExit(child: ChildProcess): void {
  if (guarded.size === 0) install();
  guarded.add(child);
  child.once('exit', () => {
    guarded.delete(child);
    if (guarded.size === 0) uninstall();
  });
}
