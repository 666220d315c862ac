import { fillSatisfiedOrders } from '../common/limit-orders/fill-open-orders';
import { usePriceChangeListener } from '../common/limit-orders/price-change-port';
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

/**
 * What the table's stream and the FillOrders function do in AWS: after each price change, a fill pass
 * over that asset's open orders, in the background. Passes of one asset run one after another, so a
 * burst of price changes queues passes rather than racing them; stopping waits for the last.
 */
export const priceChangeFillExtension: LocalStackExtension = () => {
  const passes = new Map<string, Promise<void>>();
  usePriceChangeListener((asset) => {
    const previous = passes.get(asset) ?? Promise.resolve();
    const pass = previous
      .then(() => fillSatisfiedOrders(asset))
      .then(
        () => undefined,
        (error: unknown) => logger.error('fill pass failed', { asset, error: error as Error }),
      );
    passes.set(asset, pass);
  });
  return async () => {
    usePriceChangeListener(undefined);
    await Promise.all(passes.values());
  };
};
