import { withMetrics } from '../common/observability/metrics';
import { type ReaperRun, reapEverything } from '../common/reaper/reap-everything';

/**
 * Run every minute by EventBridge Scheduler: resolves orders left PENDING by a crashed flow, and
 * releases holds left PENDING past their expiry.
 */
export const handler = withMetrics(async (): Promise<ReaperRun> => reapEverything());
