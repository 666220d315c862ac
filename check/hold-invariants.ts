import { formatMinor, parseMinor } from './amounts';
import { definiteAnswer, fieldOf, labelOf, type Operation, resolutionOf, stringAt } from './history';
import { type InvariantResult, Tally } from './invariant';
import type { HoldRow } from './parse-state';
import { holdInFlight } from './settled';
import type { UserView } from './user-view';

const HOLD_KINDS = new Set(['hold', 'capture', 'void']);
const RESOLVED = new Set(['CAPTURED', 'VOIDED', 'EXPIRED']);
/** The final status each answer to a capture or void promises. */
const PROMISED_BY_CODE: Readonly<Record<string, string>> = {
  HOLD_ALREADY_CAPTURED: 'CAPTURED',
  HOLD_ALREADY_VOIDED: 'VOIDED',
  HOLD_EXPIRED: 'EXPIRED',
};
const TITLE =
  'every hold is resolved, or PENDING within its expiry; placements, captures and voids agree with the final holds; a hold resolves at most once';
const usd = (minor: bigint): string => `${formatMinor(minor, 2)} USD`;

interface FinalHold {
  readonly hold: HoldRow;
  readonly readAt: number;
  /** Users whose GET /holds lists it: the payer and the payee, both. */
  readonly listedBy: Set<string>;
}

/** The payer's copy of each hold (the payer's balance holds the funds), and who lists it. */
function finalHolds(views: readonly UserView[]): Map<string, FinalHold> {
  const holds = new Map<string, FinalHold>();
  const listedBy = new Map<string, Set<string>>();
  for (const view of views) {
    for (const hold of view.holds ?? []) {
      const listing = listedBy.get(hold.holdId) ?? new Set<string>();
      listing.add(view.userId);
      listedBy.set(hold.holdId, listing);
      if (hold.from === view.userId) holds.set(hold.holdId, { hold, readAt: view.readAt, listedBy: listing });
    }
  }
  return holds;
}

function finalStateProblem({ hold, readAt, listedBy }: FinalHold): string | undefined {
  if (!RESOLVED.has(hold.status) && hold.status !== 'PENDING') return `has status ${hold.status}`;
  const inFlight = holdInFlight(hold, readAt);
  if (inFlight) return inFlight;
  if (
    hold.status === 'CAPTURED' ? !(hold.captured > 0n && hold.captured <= hold.amount) : hold.captured !== 0n
  ) {
    return `is ${hold.status} with ${usd(hold.captured)} of ${usd(hold.amount)} captured`;
  }
  if (!listedBy.has(hold.to)) return `is not listed by its payee ${hold.to}`;
  return undefined;
}

function placementProblem(operation: Operation, final: FinalHold | undefined): string | undefined {
  const answer = definiteAnswer(operation)?.json;
  if (!final) return 'its hold is listed by nobody';
  const { hold } = final;
  if (
    hold.to !== stringAt(answer, 'to') ||
    hold.amount !== parseMinor(fieldOf(answer, 'amount'), 2) ||
    hold.expiresAt !== Date.parse(stringAt(answer, 'expiresAt') ?? '')
  ) {
    return `the final hold (${hold.to}, ${usd(hold.amount)}, expires ${new Date(hold.expiresAt).toISOString()}) is not the one acknowledged`;
  }
  return undefined;
}

/** What the final hold must be after this capture's or void's definite answer, or undefined if it says nothing. */
function resolutionProblem(operation: Operation, final: FinalHold | undefined): string | undefined {
  const answer = definiteAnswer(operation);
  if (!answer || answer.status === 422) return undefined;
  const promised =
    answer.status === 201
      ? operation.kind === 'capture'
        ? 'CAPTURED'
        : 'VOIDED'
      : PROMISED_BY_CODE[stringAt(answer.json, 'error', 'code') ?? ''];
  if (!final) return `answered ${answer.status}, but hold ${operation.target ?? '?'} is listed by nobody`;
  if (final.hold.status !== promised) {
    return `answered ${answer.status} (the hold ${promised ?? '?'}), but hold ${final.hold.holdId} is ${final.hold.status}`;
  }
  const captured = parseMinor(fieldOf(answer.json, 'captured'), 2);
  if (answer.status === 201 && operation.kind === 'capture' && captured !== final.hold.captured) {
    return `captured ${String(fieldOf(answer.json, 'captured'))}, but hold ${final.hold.holdId} shows ${usd(final.hold.captured)} captured`;
  }
  return undefined;
}

/**
 * Holds after quiescence: each CAPTURED, VOIDED or EXPIRED, or PENDING and still within its
 * expiresAt when read, listed by both parties, with `captured` zero unless CAPTURED; each acknowledged
 * placement is the hold listed, no hold exists that no placement acknowledged; every capture's or
 * void's definite answer (201, or 409 already captured / voided / expired) agrees with the final
 * hold; and no hold is resolved by two acknowledged requests, nor CAPTURED or VOIDED by none. That
 * PENDING holds are exactly the payer's held cash is the held invariant's.
 */
export function checkHolds(operations: readonly Operation[], views: readonly UserView[]): InvariantResult {
  const tally = new Tally();
  if (!operations.some((operation) => HOLD_KINDS.has(operation.kind))) {
    return { ...tally.result('holds', TITLE), skipped: 'no holds were placed' };
  }
  const holds = finalHolds(views);
  for (const [holdId, final] of holds) {
    const problem = finalStateProblem(final);
    tally.check(problem === undefined, () => ({
      userId: final.hold.from,
      message: `hold ${holdId} ${problem ?? ''}`,
    }));
  }

  const placed = new Set<string>();
  const resolvedBy = new Map<string, Operation[]>();
  for (const operation of operations) {
    if (!HOLD_KINDS.has(operation.kind)) continue;
    const resolution = resolutionOf(operation);
    if (resolution === 'skipped' || resolution === 'indeterminate') continue;
    const where = { userId: operation.userId, operationId: operation.id };
    if (operation.kind === 'hold') {
      if (resolution !== 'acknowledged') continue;
      const holdId = stringAt(definiteAnswer(operation)?.json, 'holdId') ?? '';
      placed.add(holdId);
      const problem = placementProblem(operation, holds.get(holdId));
      tally.check(problem === undefined, () => ({
        ...where,
        message: `${labelOf(operation)}: ${problem ?? ''}`,
      }));
      continue;
    }
    const target = operation.target ?? '';
    if (resolution === 'acknowledged') resolvedBy.set(target, [...(resolvedBy.get(target) ?? []), operation]);
    const problem = resolutionProblem(operation, holds.get(target));
    tally.check(problem === undefined, () => ({
      ...where,
      message: `${labelOf(operation)}: ${problem ?? ''}`,
    }));
  }

  for (const [holdId, { hold }] of holds) {
    tally.check(placed.has(holdId), () => ({
      userId: hold.from,
      message: `hold ${holdId} (${usd(hold.amount)} to ${hold.to}) exists, but no placement was acknowledged with it`,
    }));
    const resolvers = resolvedBy.get(holdId) ?? [];
    const wanted = hold.status === 'CAPTURED' || hold.status === 'VOIDED' ? 1 : 0;
    tally.check(resolvers.length === wanted, () => ({
      userId: hold.from,
      message: `hold ${holdId} is ${hold.status}, and ${resolvers.length} captures or voids were acknowledged for it (${resolvers.map(labelOf).join(', ') || 'none'})`,
    }));
  }
  return tally.result('holds', TITLE);
}
