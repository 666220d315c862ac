import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { httpFunctions } from '../../lib/function-catalog';
import { repoRoot } from '../../local/repo-root';
import type { ApiClient } from '../clients/api-client';
import { newBenchUser } from '../clients/bench-user';
import { OPERATIONS, type OperationName, type OperationSpec } from '../operations';

export interface Availability {
  readonly available: readonly OperationSpec[];
  readonly unavailable: ReadonlyArray<{ readonly operation: OperationName; readonly reason: string }>;
}

function entryOf(spec: OperationSpec): string | undefined {
  return httpFunctions.find((fn) => fn.route.method === 'POST' && fn.route.path === spec.path)?.entry;
}

function reasonOf(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string; message?: string } };
    if (parsed.error?.code) return `answered ${status} ${parsed.error.code}: ${parsed.error.message ?? ''}`;
  } catch {
    // Not the contract's error body; the raw text says more than nothing.
  }
  return `answered ${status}: ${body.slice(0, 200)}`;
}

/**
 * Which operations can be measured in this checkout. Buy and sell are being written alongside the
 * benchmark, so each is tried once, in order, on a fresh funded user; a handler that is missing or
 * does not answer 201 is reported with the reason, and left out of every measurement.
 */
export async function probeOperations(client: ApiClient): Promise<Availability> {
  const user = await newBenchUser('probe');
  const available: OperationSpec[] = [];
  const unavailable: Array<{ operation: OperationName; reason: string }> = [];
  for (const spec of OPERATIONS) {
    const entry = entryOf(spec);
    if (!entry || !existsSync(join(repoRoot, entry))) {
      unavailable.push({ operation: spec.name, reason: `${entry ?? spec.path} does not exist yet` });
      continue;
    }
    // Withdrawals and trades need something to spend; the probe's own deposit provides it.
    if (spec.name !== 'deposit') {
      await client.send(user, { method: 'POST', path: '/deposits', body: { amount: '1000.00' } });
    }
    const answer = await client.send(user, { method: 'POST', path: spec.path, body: spec.body });
    if (answer.status === 201) available.push(spec);
    else unavailable.push({ operation: spec.name, reason: reasonOf(answer.status, answer.body) });
  }
  return { available, unavailable };
}
