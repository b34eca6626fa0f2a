// Which queue a call waits in and who may take it: a region's own queue, and the shared overflow queue after a while.
import { OVERFLOW_QUEUE_ID } from '../../../../core/backend-api/calls';
import type { QueueConfigSet, RegionQueueConfig } from '../config';
import type { CallRow } from '../rows';

/** Has the call waited long enough to be in the shared overflow queue too? */
export function hasOverflowed(call: Pick<CallRow, 'overflow_at'>, now: Date): boolean {
  return call.overflow_at !== null && call.overflow_at <= now;
}

/** Whether a nurse of `regionId` may be offered (or pick) this call at `now`. */
export function nurseServesCall(config: QueueConfigSet, regionId: string, call: CallRow, now: Date): boolean {
  if (call.queue_id === regionId) return true;
  return config.forRegion(regionId).overflow.serve && hasOverflowed(call, now);
}

/** When a call entering `queueId` now overflows: at once in the overflow queue, never where the region says so. */
export function overflowAt(queueId: string, regionConfig: RegionQueueConfig, enteredAt: Date): Date | null {
  if (queueId === OVERFLOW_QUEUE_ID) return enteredAt;
  const after = regionConfig.overflow.sendAfterSeconds;
  return after === null ? null : new Date(enteredAt.getTime() + after * 1000);
}

/** Regions whose workstations should hear that this call's queue changed (null: every region). */
export function queueAudience(call: CallRow, now: Date): string | null {
  return hasOverflowed(call, now) ? null : call.region_id;
}
