import { checkInvariants } from '../../../check/check-invariants';
import { type CheckInput, type InvariantResult, passed } from '../../../check/invariant';

export function resultOf(input: CheckInput, id: string): InvariantResult {
  const result = checkInvariants(input).find((candidate) => candidate.id === id);
  if (!result) throw new Error(`no invariant ${id}`);
  return result;
}

/** The ids of the invariants the input violates. */
export const failing = (input: CheckInput): string[] =>
  checkInvariants(input)
    .filter((result) => !passed(result))
    .map((result) => result.id);

export const messages = (input: CheckInput, id: string): string[] =>
  resultOf(input, id).violations.map((violation) => violation.message);
