/**
 * Thrown by a workflow adapter that knows the execution never began (no state machine configured,
 * the definition could not load), so the caller may release the lock it meant to hand over instead
 * of leaving the user blocked until the lease runs out.
 */
export class WorkflowNotStartedError extends Error {
  override readonly name = 'WorkflowNotStartedError';
}
