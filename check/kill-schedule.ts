import type { LocalServer } from './local-server';

export interface KillRecord {
  readonly afterOps: number;
  readonly downMs: number;
}

/**
 * kill -9 of the server at fixed fractions of the load, while the workers keep sending: they see
 * refused connections and cut answers, and retry their keys until the restarted server answers.
 */
export function killSchedule(server: LocalServer, totalOps: number, fractions: readonly number[]) {
  const kills: KillRecord[] = [];
  const running: Array<Promise<void>> = [];
  let next = 0;
  let busy = false;
  return {
    kills,
    onProgress(done: number): void {
      const fraction = fractions[next];
      if (busy || fraction === undefined || done < Math.ceil(totalOps * fraction)) return;
      next++;
      busy = true;
      const kill = server.killAndRestart().then(({ downMs }) => {
        kills.push({ afterOps: done, downMs });
        busy = false;
      });
      // A failed restart also rejects `server.failure`, which stops the run; `settled` reports it.
      kill.catch(() => {});
      running.push(kill);
    },
    /** Every kill started has restarted the server (or failed, which throws here). */
    settled: async (): Promise<void> => {
      await Promise.all(running);
    },
  };
}
