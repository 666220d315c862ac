import './promise-with-resolvers';
import type { RunOptions, StateMachine } from 'aws-local-stepfunctions';
import { WorkflowNotStartedError } from '../common/orders/workflow-not-started';
import type { OrderWorkflow, WorkflowOutcome } from '../common/orders/workflow-port';
import { functionCatalog } from '../lib/function-catalog';
import { executionTrace } from './execution-trace';
import { loadHandler } from './handler-loader';
import { createLambdaContext, timeoutMillisOf } from './lambda-context';
import { synthesizedOrderWorkflow } from './synthesized-order-workflow';

/**
 * Runs the synthesized order state machine in-process with aws-local-stepfunctions, each Task state
 * calling the handler module its function runs in AWS. This is the local adapter of the workflow
 * port; tests also use `runOrderWorkflow` directly to break a task on purpose and read the event log.
 */
type Execution = ReturnType<StateMachine['run']>;
export type ExecutionEvent = Execution['eventLogs'] extends AsyncGenerator<infer Event> ? Event : never;
export type JsonValue = Parameters<StateMachine['run']>[0];
type LocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

export type TaskHandler = (input: JsonValue) => Promise<JsonValue>;
/** Stands in for a Task state's handler; `runTask` is the real one, so an override can wrap it. */
export type TaskOverride = (input: JsonValue, runTask: TaskHandler) => Promise<JsonValue> | JsonValue;

export interface OrderWorkflowRunOptions {
  /** By Task state name, e.g. `{ Commit: () => { throw new Error('boom') } }`. */
  readonly taskOverrides?: Readonly<Record<string, TaskOverride>>;
  /** Milliseconds between retries, by state name, instead of the definition's seconds. */
  readonly retryIntervalsMs?: Readonly<Record<string, number>>;
  /** TimeoutSeconds for Task states, by name, set on a copy of the synthesized definition. */
  readonly taskTimeoutSeconds?: Readonly<Record<string, number>>;
}

export interface OrderWorkflowRun {
  readonly outcome: Promise<WorkflowOutcome>;
  /** Every event of the execution, in order, once it has ended. */
  readonly events: Promise<readonly ExecutionEvent[]>;
  /** Stops the execution where it is, as a crash of the workflow would. */
  abort(): void;
}

type Library = typeof import('aws-local-stepfunctions');
let library: Promise<Library> | undefined;

/** Imported on first use, so the polyfill above is in place before the library's code runs. */
function loadLibrary(): Promise<Library> {
  library ??= import('aws-local-stepfunctions');
  return library;
}

interface LoadedMachine {
  readonly lib: Library;
  readonly machine: StateMachine;
  readonly taskEntries: ReadonlyMap<string, string>;
}

/** Validating the definition costs time on every construction, so the unmodified machine is kept. */
let defaultMachine: Promise<LoadedMachine> | undefined;

async function buildMachine(taskTimeoutSeconds?: Readonly<Record<string, number>>): Promise<LoadedMachine> {
  const lib = await loadLibrary();
  const { definition, taskEntries } = synthesizedOrderWorkflow();
  return {
    lib,
    machine: new lib.StateMachine(withTaskTimeouts(definition, taskTimeoutSeconds)),
    taskEntries,
  };
}

async function loadMachine(options: OrderWorkflowRunOptions): Promise<LoadedMachine> {
  try {
    if (options.taskTimeoutSeconds) return await buildMachine(options.taskTimeoutSeconds);
    if (!defaultMachine) {
      defaultMachine = buildMachine();
      // A failed load is not kept, so the next order tries again.
      defaultMachine.catch(() => {
        defaultMachine = undefined;
      });
    }
    return await defaultMachine;
  } catch (error) {
    throw new WorkflowNotStartedError(
      `The order state machine could not be loaded: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

export async function runOrderWorkflow(
  executionName: string,
  input: unknown,
  options: OrderWorkflowRunOptions = {},
): Promise<OrderWorkflowRun> {
  const { lib, machine, taskEntries } = await loadMachine(options);
  const handlers: LocalHandlers = {};
  for (const [stateName, entry] of taskEntries) {
    const runTask: TaskHandler = (taskInput) => invokeTask(entry, taskInput);
    const override = options.taskOverrides?.[stateName];
    handlers[stateName] = override ? async (taskInput) => override(taskInput, runTask) : runTask;
  }
  const execution = machine.run(toJson(input), {
    overrides: {
      taskResourceLocalHandlers: handlers,
      ...(options.retryIntervalsMs ? { retryIntervalOverrides: { ...options.retryIntervalsMs } } : {}),
    },
    context: { Execution: { Name: executionName } },
  });
  return {
    outcome: outcomeOf(lib, execution),
    events: collectEvents(execution),
    abort: execution.abort,
  };
}

/**
 * The port the local server registers: start, wait, report as StartSyncExecution would. With
 * LOCKSTEP_TRACE_ORDERS=1, each execution also prints its state transitions.
 */
export const localOrderWorkflow: OrderWorkflow = {
  async startAndWait(executionName, input) {
    const run = await runOrderWorkflow(executionName, input);
    if (process.env.LOCKSTEP_TRACE_ORDERS === '1') {
      void run.events.then((events) => console.log(executionTrace(executionName, events)));
    }
    return run.outcome;
  },
};

function withTaskTimeouts<Definition extends { States: Record<string, object> }>(
  definition: Definition,
  timeouts: Readonly<Record<string, number>> | undefined,
): Definition {
  if (!timeouts) return definition;
  const states = { ...definition.States };
  for (const [name, seconds] of Object.entries(timeouts)) {
    const state = states[name];
    if (!state) throw new Error(`No state ${name} in the order state machine`);
    states[name] = { ...state, TimeoutSeconds: seconds };
  }
  return { ...definition, States: states };
}

/**
 * One Lambda invocation: the handler gets a JSON copy of its input and what it returns is JSON again,
 * as over the wire. Past the function's own timeout it fails the way Lambda reports it.
 */
async function invokeTask(entry: string, input: JsonValue): Promise<JsonValue> {
  const spec = functionCatalog.find((candidate) => candidate.entry === entry);
  if (!spec) throw new Error(`${entry} is not in the function catalog`);
  const handler = await loadHandler(entry);
  const timeoutMs = timeoutMillisOf(spec);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(lambdaTimeout(timeoutMs)), timeoutMs);
  });
  try {
    const result = await Promise.race([
      Promise.resolve().then(() => handler(toJson(input), createLambdaContext(spec))),
      timedOut,
    ]);
    return toJson(result ?? null);
  } finally {
    clearTimeout(timer);
  }
}

function lambdaTimeout(timeoutMs: number): Error {
  const error = new Error(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
  error.name = 'Sandbox.Timedout';
  return error;
}

function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

async function outcomeOf(lib: Library, execution: Execution): Promise<WorkflowOutcome> {
  try {
    return { status: 'SUCCEEDED', output: await execution.result };
  } catch (error) {
    if (error instanceof lib.ExecutionTimeoutError) return { status: 'TIMED_OUT' };
    if (error instanceof lib.ExecutionAbortedError) return { status: 'ABORTED' };
    if (error instanceof lib.ExecutionError && error.cause instanceof Error) {
      // A Fail state's error and cause, or the last uncaught task error, as Step Functions reports them.
      return { status: 'FAILED', error: error.cause.name, cause: error.cause.message };
    }
    throw error;
  }
}

async function collectEvents(execution: Execution): Promise<readonly ExecutionEvent[]> {
  const events: ExecutionEvent[] = [];
  for await (const event of execution.eventLogs) events.push(event);
  return events;
}
