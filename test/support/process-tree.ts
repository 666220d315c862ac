import { execFileSync } from 'node:child_process';

export interface ProcessInfo {
  readonly pid: number;
  readonly command: string;
}

/** Every process below `rootPid`, from `ps`, so it works on Linux and macOS alike. */
export function descendantsOf(rootPid: number): ProcessInfo[] {
  const table = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, pid, ppid, command]) => ({ pid: Number(pid), ppid: Number(ppid), command: command ?? '' }));
  const found: ProcessInfo[] = [];
  const parents = [rootPid];
  for (let parent = parents.pop(); parent !== undefined; parent = parents.pop()) {
    for (const entry of table.filter((candidate) => candidate.ppid === parent)) {
      found.push({ pid: entry.pid, command: entry.command });
      parents.push(entry.pid);
    }
  }
  return found;
}

/** True while `pid` runs; a zombie waiting to be reaped counts as gone. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return state !== '' && !state.startsWith('Z');
  } catch {
    return false;
  }
}
