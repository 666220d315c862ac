import { randomInt } from 'node:crypto';

export interface CheckOptions {
  /** Undefined: start a local server of our own. */
  readonly baseUrl: string | undefined;
  readonly users: number;
  readonly concurrency: number;
  readonly ops: number;
  readonly seed: number;
  readonly abort: boolean;
  readonly kill: boolean;
  readonly inject: boolean;
  readonly short: boolean;
  /** Deposits and withdrawals only; the order invariant is skipped instead of failed. */
  readonly cashOnly: boolean;
  /** Jepsen's bank workload: transfers and holds between a fixed set of accounts, no trading. */
  readonly bank: boolean;
  /** Run as `<command> <userId>`; the token is the last line it prints. */
  readonly tokensCommand: string | undefined;
  /** Run as `<command> <userId>` for the admin that changes prices; none leaves price changes out. */
  readonly adminTokenCommand: string | undefined;
  readonly historyFile: string | undefined;
  readonly requestTimeoutMs: number;
  /** Probability that one DynamoDB call or workflow task of the server gets a fault, with --inject. */
  readonly faultRate: number;
}

export const USAGE = `Usage: npm run check -- [options]

Runs a bank-style workload against lockstep and checks its consistency invariants.
Exit status 0 when every invariant holds, 1 on any violation, 2 on bad usage.

  --base-url URL        check a running API (default: start a local server of our own)
  --users N             users, each funded first (default 20)
  --concurrency C       requests in flight at once (default 32)
  --ops N               operations after funding (default 2000)
  --seed S              seed of the workload and of the faults (default: random, printed)
  --abort               clients drop connections mid-request, then retry with the same key
  --kill                kill -9 the local server's process group mid-load and restart it
  --inject              start the local server with LOCKSTEP_FAULTS (DynamoDB and workflow faults)
  --fault-rate P        fault probability per DynamoDB call or task with --inject (default 0.05)
  --short               the short CI run: 6 users (10 with --bank), concurrency 8, 200 operations
  --cash-only           deposits and withdrawals only (without it, orders that cannot be placed
                        are a violation, not a reason to leave them out quietly)
  --bank                the bank workload: transfers, holds (captured, voided or left to expire),
                        deposits and withdrawals between the funded users; no trading
  --tokens-cmd CMD      with --base-url: "CMD <userId>" prints a bearer token as its last line
                        (env LOCKSTEP_TOKENS_CMD); locally tokens are minted in-process
  --admin-token-cmd CMD with --base-url: "CMD <userId>" prints a token of the admin group, for the
                        price changes (env LOCKSTEP_ADMIN_TOKEN_CMD); without it they are left out
  --history FILE        where to write the request/response history (default: a temp file)
  --request-timeout-ms  per-attempt timeout before a retry with the same key (default 15000)`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const SHORT = { users: 6, concurrency: 8, ops: 200 } as const;
/** A payment locks two accounts: with six, the short bank run would spend its time waiting for locks. */
const SHORT_BANK = { users: 10, concurrency: 8, ops: 200 } as const;
const FULL = { users: 20, concurrency: 32, ops: 2000 } as const;

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CheckOptions {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const valued = new Set([
    '--base-url',
    '--users',
    '--concurrency',
    '--ops',
    '--seed',
    '--tokens-cmd',
    '--admin-token-cmd',
    '--history',
    '--request-timeout-ms',
    '--fault-rate',
  ]);
  const switches = new Set(['--abort', '--kill', '--inject', '--short', '--cash-only', '--bank']);
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    const [name = '', inline] = argument.split(/=(.*)/s, 2);
    if (switches.has(name) && inline === undefined) {
      flags.add(name);
    } else if (valued.has(name)) {
      const value = inline ?? argv[++index];
      if (value === undefined) throw new UsageError(`${name} needs a value.`);
      values.set(name, value);
    } else {
      throw new UsageError(`Unknown argument: ${argument}`);
    }
  }
  const short = flags.has('--short');
  const defaults = short ? (flags.has('--bank') ? SHORT_BANK : SHORT) : FULL;
  const baseUrl = values.get('--base-url');
  const options: CheckOptions = {
    baseUrl: baseUrl === undefined ? undefined : checkedUrl(baseUrl),
    users: positiveInt(values.get('--users'), defaults.users, '--users'),
    concurrency: positiveInt(values.get('--concurrency'), defaults.concurrency, '--concurrency'),
    ops: positiveInt(values.get('--ops'), defaults.ops, '--ops'),
    seed: values.has('--seed') ? positiveInt(values.get('--seed'), 0, '--seed', true) : randomInt(1, 2 ** 31),
    abort: flags.has('--abort'),
    kill: flags.has('--kill'),
    inject: flags.has('--inject'),
    short,
    cashOnly: flags.has('--cash-only'),
    bank: flags.has('--bank'),
    tokensCommand: values.get('--tokens-cmd') ?? (env.LOCKSTEP_TOKENS_CMD || undefined),
    adminTokenCommand: values.get('--admin-token-cmd') ?? (env.LOCKSTEP_ADMIN_TOKEN_CMD || undefined),
    historyFile: values.get('--history'),
    requestTimeoutMs: positiveInt(values.get('--request-timeout-ms'), 15_000, '--request-timeout-ms'),
    faultRate: probability(values.get('--fault-rate'), 0.05, '--fault-rate'),
  };
  if (options.baseUrl !== undefined && (options.kill || options.inject)) {
    throw new UsageError('--kill and --inject need the local server this tool starts; drop --base-url.');
  }
  if (options.baseUrl === undefined && (options.tokensCommand ?? options.adminTokenCommand) !== undefined) {
    throw new UsageError(
      '--tokens-cmd and --admin-token-cmd are for a remote --base-url; the local server takes minted tokens.',
    );
  }
  if (options.bank && options.cashOnly)
    throw new UsageError('--bank and --cash-only are two workloads; pick one.');
  if (options.bank && options.users < 2)
    throw new UsageError('--bank pays between users: --users must be 2 or more.');
  return options;
}

function checkedUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    return url.href.replace(/\/$/, '');
  } catch {
    throw new UsageError(`--base-url must be an http(s) URL, not "${text}".`);
  }
}

function positiveInt(text: string | undefined, fallback: number, name: string, allowZero = false): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || (value === 0 && !allowZero)) {
    throw new UsageError(`${name} must be a whole number${allowZero ? '' : ' above 0'}, not "${text}".`);
  }
  return value;
}

function probability(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(text) || value < 0 || value > 1) {
    throw new UsageError(`${name} must be a probability from 0 to 1, not "${text}".`);
  }
  return value;
}
