import { setTimeout as sleep } from 'node:timers/promises';
import type { OrderWorkflow } from '../../common/orders/workflow-port';
import {
  type JsonValue,
  runOrderWorkflow,
  type TaskHandler,
  type TaskOverride,
} from '../order-workflow-runner';
import { synthesizedOrderWorkflow } from '../synthesized-order-workflow';
import { type FaultDice, reportFault } from './fault-dice';

/** A failure named the way Lambda's own service errors are, which the state machine retries. */
function lambdaServiceError(when: string): Error {
  return Object.assign(new Error(`Injected Lambda failure ${when} the task ran`), {
    name: 'Lambda.ServiceException',
  });
}

function statesTimeout(): Error {
  return Object.assign(new Error('Injected: the task did not answer in time'), { name: 'States.Timeout' });
}

function faultyTask(stateName: string, dice: FaultDice): TaskOverride {
  return async (input: JsonValue, runTask: TaskHandler) => {
    const fault = dice.taskFault();
    if (!fault) return runTask(input);
    reportFault(fault, stateName);
    switch (fault.kind) {
      case 'task.fail-before':
        throw lambdaServiceError('before');
      case 'task.fail-after':
        await runTask(input);
        throw lambdaServiceError('after');
      case 'task.timeout': {
        // The task keeps running unobserved; its failure, if any, is nobody's to handle.
        runTask(input).catch(() => {});
        await sleep(fault.afterMs);
        throw statesTimeout();
      }
      case 'task.pause-past-lease':
        await sleep(fault.ms);
        return runTask(input);
    }
  };
}

/** The in-process order workflow with every Task state wrapped by the dice, through the runner's overrides. */
export function faultyOrderWorkflow(dice: FaultDice): OrderWorkflow {
  const taskOverrides: Record<string, TaskOverride> = {};
  for (const stateName of synthesizedOrderWorkflow().taskEntries.keys()) {
    taskOverrides[stateName] = faultyTask(stateName, dice);
  }
  return {
    async startAndWait(executionName, input) {
      return (await runOrderWorkflow(executionName, input, { taskOverrides })).outcome;
    },
  };
}
