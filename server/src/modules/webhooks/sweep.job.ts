import type { AppDeps } from '../../deps.ts';
import type { JobHandler } from '../events/job-runner.ts';
import { wakeReadyDeliveries } from './delivery-order.ts';

export const WEBHOOK_SWEEP_QUEUE = 'webhooks.sweep';

/**
 * Every minute: held deliveries that may go now get their job — those of an endpoint resumed
 * since, and any whose turn came while they were being held (see delivery-order.ts).
 */
export function webhookSweepHandler(deps: Pick<AppDeps, 'db' | 'clock'>): JobHandler {
  return {
    async run() {
      await wakeReadyDeliveries(deps.db, deps.clock.now());
    },
  };
}
