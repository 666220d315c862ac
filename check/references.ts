import { definiteAnswer, type Operation, type ReferenceField, resolutionOf, stringAt } from './history';

/** Where each field sits in an acknowledgement: a Hold is the body itself, an order is under `order`. */
const PATH_TO: Readonly<Record<ReferenceField, readonly string[]>> = {
  holdId: ['holdId'],
  orderId: ['order', 'orderId'],
};

/**
 * The hold or order id a dependent operation acts on, from the definite answer of the operation it
 * refers to; or why there is none, in which case the dependent is recorded as skipped, never sent.
 */
export function resolveReference(
  referenced: Operation,
  field: ReferenceField,
): { readonly id: string } | { readonly skipped: string } {
  const resolution = resolutionOf(referenced);
  const label = `${referenced.kind} #${referenced.id}`;
  if (resolution !== 'acknowledged')
    return { skipped: `${label} was ${resolution}, so no ${field} is known` };
  const id = stringAt(definiteAnswer(referenced)?.json, ...PATH_TO[field]);
  return id === undefined ? { skipped: `the answer to ${label} names no ${field}` } : { id };
}
