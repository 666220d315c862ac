import { registeredOrderWorkflow, useOrderWorkflow } from '../../common/orders/workflow-port';
import { onDocumentClient } from '../../common/storage/client';
import type { LocalStackExtension } from '../stack-extension';
import { installDynamoDbFaults } from './dynamodb-faults';
import { FaultDice } from './fault-dice';
import { FAULTS_ENV, parseFaultSpec } from './fault-spec';
import { faultyOrderWorkflow } from './workflow-faults';

/**
 * The extensions LOCKSTEP_FAULTS asks for: none when it is unset. It runs after the stack's own
 * extensions, so it wraps the order workflow they registered; stopping it turns the dice off and
 * puts that workflow back.
 */
export function faultExtensions(
  setting: string | undefined = process.env[FAULTS_ENV],
): LocalStackExtension[] {
  if (setting === undefined || setting === '') return [];
  const spec = parseFaultSpec(setting);
  const extension: LocalStackExtension = () => {
    const dice = new FaultDice(spec);
    onDocumentClient((client) => installDynamoDbFaults(client, dice));
    const previous = registeredOrderWorkflow();
    if (previous) useOrderWorkflow(faultyOrderWorkflow(dice));
    console.error(
      `${FAULTS_ENV} is set: injecting faults (${JSON.stringify(spec)}). Never set it in production.`,
    );
    return () => {
      dice.enabled = false;
      if (previous) useOrderWorkflow(previous);
    };
  };
  return [extension];
}
