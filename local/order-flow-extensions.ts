import { logger } from '../common/observability/logger';
import { useOrderWorkflow } from '../common/orders/workflow-port';
import { reapEverything } from '../common/reaper/reap-everything';
import { localOrderWorkflow } from './order-workflow-runner';
import type { LocalStackExtension } from './stack-extension';
import { synthesizedOrderWorkflow } from './synthesized-order-workflow';

/** Every few seconds, so a local crash resolves well inside the contract's two minutes. */
export const LOCAL_REAP_INTERVAL_MS = 5_000;

/** Buy and sell run the synthesized state machine in-process; synthesized now, so a broken stack fails the start. */
export const orderWorkflowExtension: LocalStackExtension = () => {
  synthesizedOrderWorkflow();
  useOrderWorkflow(localOrderWorkflow);
  return () => useOrderWorkflow(undefined);
};

/**
 * The reaper, as EventBridge Scheduler runs it in AWS: once at start, so orders a killed server left
 * PENDING (and holds that expired meanwhile) are resolved after a restart with DATA_DIR, then on an
 * interval; a run still going skips a tick.
 */
export const orderReaperExtension: LocalStackExtension = async () => {
  let inFlight: Promise<void> | undefined;
  const reapOnce = async (): Promise<void> => {
    try {
      await reapEverything();
    } catch (error) {
      logger.error('order reaper run failed', { error: error as Error });
    }
  };
  await reapOnce();
  const timer = setInterval(() => {
    inFlight ??= reapOnce().finally(() => {
      inFlight = undefined;
    });
  }, LOCAL_REAP_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await inFlight;
  };
};
