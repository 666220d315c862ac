/**
 * The "start and wait" port of the order workflow. In AWS the adapter is Step Functions'
 * StartSyncExecution on an Express state machine; locally it is the same synthesized definition run
 * in-process. Buy and sell handlers only ever see this interface.
 */
export interface WorkflowOutcome {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  /** Parsed JSON output of a succeeded execution. */
  readonly output?: unknown;
  /** Error name and cause of a failed execution, as Step Functions reports them. */
  readonly error?: string;
  readonly cause?: string;
}

export interface OrderWorkflow {
  startAndWait(executionName: string, input: unknown): Promise<WorkflowOutcome>;
}

let registered: OrderWorkflow | undefined;

/** The local server registers its in-process runner here before serving requests. */
export function useOrderWorkflow(workflow: OrderWorkflow | undefined): void {
  registered = workflow;
}

export function registeredOrderWorkflow(): OrderWorkflow | undefined {
  return registered;
}
