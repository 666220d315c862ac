import { SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { traced } from '../observability/tracer';
import { WorkflowNotStartedError } from './workflow-not-started';
import type { OrderWorkflow, WorkflowOutcome } from './workflow-port';

let sharedClient: SFNClient | undefined;

/** One per process, created on first use, as Lambda reuses it across warm invocations. */
function defaultClient(): SFNClient {
  sharedClient ??= traced(new SFNClient({}));
  return sharedClient;
}

function parseOutput(output: string | undefined): unknown {
  return output === undefined ? undefined : (JSON.parse(output) as unknown);
}

/**
 * The AWS adapter of the workflow port: StartSyncExecution on the Express state machine named by
 * STATE_MACHINE_ARN. A sync start answers 200 even when the execution failed, so the outcome is read
 * from `status`, `error` and `cause`, never from the call succeeding. `client` lets a test point it
 * at a stand-in endpoint.
 */
export function stepFunctionsWorkflow(client?: SFNClient): OrderWorkflow {
  return {
    async startAndWait(executionName: string, input: unknown): Promise<WorkflowOutcome> {
      const stateMachineArn = process.env.STATE_MACHINE_ARN;
      if (!stateMachineArn) throw new WorkflowNotStartedError('STATE_MACHINE_ARN is not set');
      const response = await (client ?? defaultClient()).send(
        new StartSyncExecutionCommand({ stateMachineArn, name: executionName, input: JSON.stringify(input) }),
      );
      return {
        status: response.status ?? 'FAILED',
        output: parseOutput(response.output),
        error: response.error,
        cause: response.cause,
      };
    },
  };
}
