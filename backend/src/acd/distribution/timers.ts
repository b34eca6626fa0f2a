// What time drives: offers ringing out, after-call work timers ending, callbacks falling due and calls overflowing.
import { CALL_EVENT_TYPES, OVERFLOW_QUEUE_ID } from '../../../../core/backend-api/calls';
import type { QueueChangedPayload } from '../../../../core/backend-api/calls';
import type { Assigner } from './assignment';
import { ringOut } from './assignment';
import { releaseDueCallbacks } from './callbacks';
import type { Distribution } from './context';
import { finishAfterCallWork } from './conversation';
import { dueWork, queuesOverflowedBetween } from './queueSql';
import type { Work } from './unitOfWork';

/** Runs the tick; remembers when it last looked for overflowing calls, so each is announced once. */
export class Ticker {
  private lastOverflowCheck: Date;

  constructor(
    private readonly acd: Distribution,
    private readonly assigner: Assigner,
  ) {
    this.lastOverflowCheck = acd.deps.clock();
  }

  /** Everything time drives, then assignment. Safe to run in every instance at once. */
  async tick(): Promise<void> {
    // One cheap look first: most ticks find nothing due, and then open no transaction at all.
    const due = await dueWork(this.acd.deps.db, this.acd.deps.clock());
    if (due.offers) await expireOffers(this.acd);
    if (due.timers) await endAfterCallWorkTimers(this.acd);
    if (due.callbacks) await releaseDueCallbacks(this.acd);
    await this.announceOverflow();
    if (due.waiting || due.offers || due.timers || due.callbacks) await this.assigner.assignWaitingCalls();
  }

  /** Tells every region when waiting calls have begun to overflow (they appear in the overflow queue). */
  private async announceOverflow(): Promise<void> {
    const now = this.acd.deps.clock();
    const since = this.lastOverflowCheck;
    this.lastOverflowCheck = now;
    const spilled = await queuesOverflowedBetween(this.acd.deps.db, since, now);
    if (spilled.length === 0) return;
    await this.acd.deps.events.publish({
      regionId: null,
      type: CALL_EVENT_TYPES.queueChanged,
      payload: {
        queueIds: [...new Set([...spilled, OVERFLOW_QUEUE_ID])],
        reason: 'call-overflowed',
      } satisfies QueueChangedPayload,
    });
  }
}

/** One due row per transaction, each locked and skipped by other instances, until none is left; returns how many. */
async function oneAtATime(acd: Distribution, step: Work<boolean>): Promise<number> {
  let done = 0;
  while (await acd.transaction(step)) done++;
  return done;
}

/** An offer that rang out: the call goes back to its place, the nurse is set unavailable and told why. */
export function expireOffers(acd: Distribution): Promise<number> {
  return oneAtATime(acd, async (trx, after) => {
    const now = acd.deps.clock();
    const call = await trx
      .selectFrom('queue_call')
      .selectAll()
      .where('state', '=', 'offered')
      .where('offer_expires_at', '<=', now)
      .orderBy('offer_expires_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (call === undefined) return false;
    await ringOut(acd, trx, call, now, after);
    return true;
  });
}

function endAfterCallWorkTimers(acd: Distribution): Promise<number> {
  return oneAtATime(acd, async (trx, after) => {
    const now = acd.deps.clock();
    const nurse = await trx
      .selectFrom('nurse_presence')
      .selectAll()
      .where('state', '=', 'after-call-work')
      .where('after_call_work_ends_at', '<=', now)
      .orderBy('after_call_work_ends_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (nurse === undefined) return false;
    const call =
      nurse.current_call_id === null
        ? undefined
        : await trx
            .selectFrom('queue_call')
            .selectAll()
            .where('id', '=', nurse.current_call_id)
            .forUpdate()
            .skipLocked()
            .executeTakeFirst();
    // The call row is busy (e.g. a hang-up being recorded): the next tick finishes this one.
    if (nurse.current_call_id !== null && call === undefined) return false;
    await finishAfterCallWork(acd, trx, nurse, call ?? null, now, 'after-call-work-timer', after);
    return true;
  });
}
