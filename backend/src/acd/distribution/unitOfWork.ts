// The unit of work of call distribution: one transaction, run again when a row moved under it, announced after commit.
import type { Insertable, Transaction } from 'kysely';
import type { QueueEvent } from '../../../../core/queue/metrics';
import type { BackendDatabase, CallEventTable } from '../../db/schema';
import type { PublishInput } from '../../events/liveEvents';
import type { TelephonyPlatform, TelephonyPlatforms } from '../../telephony/adapter';
import type { CallDistributionDeps } from './context';

export type Trx = Transaction<BackendDatabase>;

/** Thrown inside a transaction to run it again from the start (a row moved under us). */
export class RetryTransaction extends Error {}

/** Changes to announce once the transaction has committed. */
export class AfterCommit {
  /** Call events, written inside the transaction just before it commits. */
  readonly records: Insertable<CallEventTable>[] = [];
  readonly events: PublishInput[] = [];
  readonly telephony: Array<(platform: TelephonyPlatform) => Promise<void>> = [];
  assign = false;
  callbacksDue = false;

  /** Queues a call event; all of a transaction's events are written in one statement before it commits. */
  record(regionId: string, event: QueueEvent): void {
    this.records.push({
      at: new Date(event.at),
      region_id: regionId,
      type: event.type,
      call_id: 'callId' in event ? event.callId : null,
      nurse_id: 'nurseId' in event ? event.nurseId : null,
      event: JSON.stringify(event),
    });
  }
}

export type Work<T> = (trx: Trx, after: AfterCommit) => Promise<T>;

/** What a committed change may set going: callbacks falling due and an assignment pass. */
export interface FollowUps {
  releaseDueCallbacks(): Promise<unknown>;
  assignWaitingCalls(): Promise<unknown>;
}

/** Serialization failures and deadlocks: PostgreSQL rolled back, so running the work again is safe. */
function isRetryable(error: unknown): boolean {
  if (error instanceof RetryTransaction) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

/** The transaction runner every change goes through. */
export function unitOfWork(
  deps: CallDistributionDeps,
  telephony: TelephonyPlatforms,
  followUps: FollowUps,
): <T>(work: Work<T>) => Promise<T> {
  const flush = async (after: AfterCommit): Promise<void> => {
    for (const event of after.events) {
      await deps.events.publish(event).catch((error: unknown) => {
        deps.logger.warn({ err: error, type: event.type }, 'live event could not be published');
      });
    }
    for (const command of after.telephony) {
      await command(telephony).catch((error: unknown) => {
        deps.logger.warn({ err: error }, 'telephony command failed');
      });
    }
    if (after.callbacksDue) await followUps.releaseDueCallbacks();
    if (after.assign) await followUps.assignWaitingCalls();
  };

  return async <T>(work: Work<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      const after = new AfterCommit();
      let result: T;
      try {
        result = await deps.db.transaction().execute(async (trx) => {
          const value = await work(trx, after);
          if (after.records.length > 0) await trx.insertInto('call_event').values(after.records).execute();
          return value;
        });
      } catch (error) {
        if (attempt < 5 && isRetryable(error)) continue;
        throw error;
      }
      // Committed: announce it. Never inside the try above, which would run the work a second time.
      await flush(after);
      return result;
    }
  };
}
