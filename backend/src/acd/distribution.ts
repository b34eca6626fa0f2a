// Automatic call distribution: queues ordered by clinical urgency, offers to the longest-available nurse, presence, callbacks.
//
// Every change runs in one transaction that locks the rows it changes, so several backend instances
// on one PostgreSQL never offer a call twice or give a nurse two calls:
// - the assigner claims a nurse row and then a call row with FOR UPDATE SKIP LOCKED, so instances
//   working at the same moment each take different rows instead of waiting for each other;
// - everything else locks the call row first and the nurse's presence row second (one order, no
//   deadlocks), and re-checks state after locking;
// - a partial unique index on queue_call(assigned_to) refuses a second live call per nurse outright.
// Live events and telephony commands go out only after the transaction has committed.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Insertable, Transaction } from 'kysely';
import type { Logger } from 'pino';
import {
  BREAK_REASONS,
  CALL_EVENT_TYPES,
  OVERFLOW_QUEUE_ID,
  assessPhoneMenu,
} from '../../../core/backend-api/calls';
import type {
  BreakReason,
  Call,
  CallActionResponse,
  Callback,
  CallbackAttempt,
  CallbackAttemptRequest,
  CallbackBookingRequestSchema,
  CallbacksQuery,
  NextStatus,
  Presence,
  PresenceChangeReason,
  PresenceUpdateRequest,
  PriorityChange,
  QueueChangedPayload,
  QueuedCallView,
  QueueOverview,
  QueueOverviewTile,
  QueueSnapshot,
  QueueView,
  ReprioritiseRequest,
  TelephonyCallEnteredRequestSchema,
  TelephonyCallEnteredResponse,
  TelephonyHangUpRequest,
  TelephonyHangUpResponse,
} from '../../../core/backend-api/calls';
import { parsePatientId } from '../../../core/identity/patientId';
import { NURSE_PRESENCE_STATES, computeQueueMetrics } from '../../../core/queue/metrics';
import type { NursePresence, QueueEvent } from '../../../core/queue/metrics';
import { fromStockholmWallClock, toStockholmWallClock } from '../../../core/referral/stockholmTime';
import { explainQueuePosition, orderQueue, secondsWaited } from '../../../core/queue/priority';
import type { QueuePriorityConfig, QueuedCall } from '../../../core/queue/priority';
import type { z } from 'zod';
import type { AuthenticatedStaff } from '../auth/tokens';
import type { Clock } from '../clock';
import type { BackendDatabase, BackendDb, CallEventTable } from '../db/schema';
import type { PublishInput } from '../events/liveEvents';
import { ApiHttpError, badRequest } from '../http/errors';
import type { QueueConfigSet, RegionQueueConfig } from './config';
import { assertPresenceTransition, cannotTakeCall, planPresenceUpdate } from './presence';
import {
  callOf,
  callbackOf,
  offerOf,
  offlinePresence,
  presenceChangedPayload,
  presenceOf,
  redFlagsOf,
} from './rows';
import type { CallRow, CallbackRow, PresenceRow } from './rows';
import { TelephonyPlatforms } from '../telephony/adapter';
import type { TelephonyLine, TelephonyPlatform } from '../telephony/adapter';

type Trx = Transaction<BackendDatabase>;
type CallEntered = z.output<typeof TelephonyCallEnteredRequestSchema>;
type CallbackBooking = z.output<typeof CallbackBookingRequestSchema>;

/** Where live events go: `app.backend.events` in the server. */
export interface LiveEventPublisher {
  publish(input: PublishInput): Promise<void>;
}

export interface CallDistributionDeps {
  db: BackendDb;
  clock: Clock;
  config: QueueConfigSet;
  events: LiveEventPublisher;
  logger: Logger;
}

/** How far ahead a callback may be booked. */
const MAX_CALLBACK_LEAD_MS = 14 * 24 * 3600 * 1000;
/** Scheduled callbacks due within this long appear in the queue view. */
const CALLBACKS_DUE_WINDOW_MS = 3600 * 1000;
/** Calls listed per queue in the queue view (counts and alerts still cover every call). */
const QUEUE_VIEW_LIMIT = 200;
/** How far before midnight the team lead's overview reads call events (a night shift's calls and presence). */
const OVERVIEW_LOOK_BACK_MS = 12 * 3600 * 1000;
/** Most assignments one pass makes before yielding (the next pass continues). */
const MAX_ASSIGNMENTS_PER_PASS = 500;

/** Thrown inside a transaction to run it again from the start (a row moved under us). */
class RetryTransaction extends Error {}

/** Changes to announce once the transaction has committed. */
class AfterCommit {
  /** Call events, written inside the transaction just before it commits. */
  readonly records: Insertable<CallEventTable>[] = [];
  readonly events: PublishInput[] = [];
  readonly telephony: Array<(platform: TelephonyPlatform) => Promise<void>> = [];
  assign = false;
  callbacksDue = false;
}

function notFound(what = 'call'): ApiHttpError {
  return what === 'call'
    ? new ApiHttpError(404, 'call_not_found', 'There is no such call in your region or in a queue you serve.')
    : new ApiHttpError(404, 'callback_not_found', 'There is no such callback in your region.');
}

function isRetryable(error: unknown): boolean {
  if (error instanceof RetryTransaction) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

const toMs = (date: Date): number => date.getTime();

/** Whose presence: the nurse's HSA-id and the region her row is created in. */
type PresenceOwner = Pick<AuthenticatedStaff, 'hsaId' | 'regionId'>;

export class CallDistribution {
  readonly telephony = new TelephonyPlatforms();
  private assigning: Promise<number> | null = null;
  private assignAgain = false;
  private lastOverflowCheck: Date;

  constructor(private readonly deps: CallDistributionDeps) {
    this.lastOverflowCheck = deps.clock();
  }

  get config(): QueueConfigSet {
    return this.deps.config;
  }

  /** Attaches a phone platform (or the simulator) to receive connect and end commands. */
  attachTelephony(platform: TelephonyPlatform): () => void {
    return this.telephony.attach(platform);
  }

  // -------------------------------------------------------------------------------------------
  // Transactions

  private async transaction<T>(work: (trx: Trx, after: AfterCommit) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const after = new AfterCommit();
      let result: T;
      try {
        result = await this.deps.db.transaction().execute(async (trx) => {
          const value = await work(trx, after);
          if (after.records.length > 0) await trx.insertInto('call_event').values(after.records).execute();
          return value;
        });
      } catch (error) {
        if (attempt < 5 && isRetryable(error)) continue;
        throw error;
      }
      // Committed: announce it. Never inside the try above, which would run the work a second time.
      await this.flush(after);
      return result;
    }
  }

  private async flush(after: AfterCommit): Promise<void> {
    for (const event of after.events) {
      await this.deps.events.publish(event).catch((error: unknown) => {
        this.deps.logger.warn({ err: error, type: event.type }, 'live event could not be published');
      });
    }
    for (const command of after.telephony) {
      await command(this.telephony).catch((error: unknown) => {
        this.deps.logger.warn({ err: error }, 'telephony command failed');
      });
    }
    if (after.callbacksDue) await this.releaseDueCallbacks();
    if (after.assign) await this.assignWaitingCalls();
  }

  /** Queues a call event; all of a transaction's events are written in one statement before it commits. */
  private record(after: AfterCommit, regionId: string, event: QueueEvent): void {
    after.records.push({
      at: new Date(event.at),
      region_id: regionId,
      type: event.type,
      call_id: 'callId' in event ? event.callId : null,
      nurse_id: 'nurseId' in event ? event.nurseId : null,
      event: JSON.stringify(event),
    });
  }

  // -------------------------------------------------------------------------------------------
  // Queue rules

  private serves(regionId: string): boolean {
    return this.deps.config.forRegion(regionId).overflow.serve;
  }

  /** SQL: does the nurse row `p` serve the overflow queue (per regional configuration)? */
  private servesOverflowSql() {
    const { defaultServes, listed } = this.deps.config.overflowServers();
    return defaultServes
      ? sql<boolean>`not (p.region_id = any(${listed}::text[]))`
      : sql<boolean>`(p.region_id = any(${listed}::text[]))`;
  }

  /** SQL: the accumulating priority of call row `c` under a rule (core/queue/priority callPriority). */
  private prioritySql(rule: QueuePriorityConfig, now: Date) {
    // Milliseconds, multiplied before dividing, exactly as callPriority does.
    const waitedMs = sql`greatest(0, extract(epoch from (${now}::timestamptz - c.waiting_since)) * 1000)::float8`;
    const term = (cls: 'red' | 'orange' | 'yellow' | 'green') =>
      sql`${rule.initialOffset[cls]}::float8 + ${rule.urgencyWeight[cls]}::float8 * ${waitedMs} / 1000`;
    return sql<number>`(case c.urgency_class when 'red' then ${term('red')} when 'orange' then ${term('orange')} when 'yellow' then ${term('yellow')} else ${term('green')} end)`;
  }

  /** Whether a nurse of `regionId` may be offered (or pick) this call at `now`. */
  private nurseServesCall(regionId: string, call: CallRow, now: Date): boolean {
    if (call.queue_id === regionId) return true;
    return this.serves(regionId) && call.overflow_at !== null && call.overflow_at <= now;
  }

  private overflowAt(queueId: string, regionConfig: RegionQueueConfig, enteredAt: Date): Date | null {
    if (queueId === OVERFLOW_QUEUE_ID) return enteredAt;
    const after = regionConfig.overflow.sendAfterSeconds;
    return after === null ? null : new Date(enteredAt.getTime() + after * 1000);
  }

  /** Regions whose workstations should hear that this call's queue changed (null: every region). */
  private queueAudience(call: CallRow, now: Date): string | null {
    const inOverflow = call.overflow_at !== null && call.overflow_at <= now;
    return inOverflow ? null : call.region_id;
  }

  /** After a call or a due callback joins the queue: its event, the region's queue update, a red-flag alert, and an assignment pass. */
  private enteredQueue(
    after: AfterCommit,
    row: CallRow,
    now: Date,
    kind: 'call' | 'callback',
    reason: QueueChangedPayload['reason'],
  ): void {
    this.record(after, row.region_id, {
      type: 'call-entered-queue',
      at: toMs(now),
      callId: row.id,
      queueId: row.queue_id,
      urgencyClass: row.urgency_class,
      redFlags: row.red_flag_codes,
      kind,
    });
    this.queueChanged(after, row, now, reason);
    this.redFlagAlert(after, row, now);
    after.assign = true;
  }

  private queueChanged(after: AfterCommit, call: CallRow, now: Date, reason: QueueChangedPayload['reason']) {
    const payload: QueueChangedPayload = { queueIds: [call.queue_id], reason };
    if (call.overflow_at !== null && call.overflow_at <= now && call.queue_id !== OVERFLOW_QUEUE_ID) {
      payload.queueIds.push(OVERFLOW_QUEUE_ID);
    }
    after.events.push({
      regionId: this.queueAudience(call, now),
      type: CALL_EVENT_TYPES.queueChanged,
      payload,
    });
  }

  private redFlagAlert(after: AfterCommit, call: CallRow, now: Date) {
    if (call.red_flag_codes.length === 0) return;
    after.events.push({
      regionId: this.queueAudience(call, now),
      type: CALL_EVENT_TYPES.redFlagWaiting,
      payload: {
        callId: call.id,
        queueId: call.queue_id,
        regionId: call.region_id,
        urgencyClass: call.urgency_class,
        redFlags: redFlagsOf(call.red_flag_codes),
        waitingSince: call.waiting_since.toISOString(),
      },
    });
  }

  private presenceChanged(after: AfterCommit, row: PresenceRow) {
    const presence = presenceOf(row, null, this.deps.config.forRegion(row.region_id));
    after.events.push({
      regionId: row.region_id,
      type: CALL_EVENT_TYPES.presenceChanged,
      payload: presenceChangedPayload(presence),
    });
  }

  private line(call: CallRow): TelephonyLine {
    return {
      callId: call.id,
      externalRef: call.external_ref,
      kind: call.kind,
      callerNumber: call.caller_number,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Row access (always call before presence when both are locked)

  private async lockCall(trx: Trx, callId: string): Promise<CallRow | undefined> {
    return trx.selectFrom('queue_call').selectAll().where('id', '=', callId).forUpdate().executeTakeFirst();
  }

  private async lockPresence(trx: Trx, hsaId: string): Promise<PresenceRow | undefined> {
    return trx
      .selectFrom('nurse_presence')
      .selectAll()
      .where('hsa_id', '=', hsaId)
      .forUpdate()
      .executeTakeFirst();
  }

  /** The nurse's presence row, created offline on first use, locked. */
  private async lockOrCreatePresence(trx: Trx, staff: PresenceOwner, now: Date): Promise<PresenceRow> {
    const existing = await this.lockPresence(trx, staff.hsaId);
    if (existing !== undefined) return existing;
    const row = offlinePresence(staff.hsaId, staff.regionId, now);
    await trx
      .insertInto('nurse_presence')
      .values({ ...row, next_status: null })
      .onConflict((conflict) => conflict.column('hsa_id').doNothing())
      .execute();
    const created = await this.lockPresence(trx, staff.hsaId);
    if (created === undefined) throw new Error('Presence row vanished while being created');
    return created;
  }

  private async updatePresence(
    trx: Trx,
    before: PresenceRow,
    change: Partial<Omit<PresenceRow, 'hsa_id' | 'region_id'>>,
    now: Date,
    after: AfterCommit,
  ): Promise<PresenceRow> {
    const next: PresenceRow = { ...before, ...change };
    if (next.state !== before.state) assertPresenceTransition(before.state, next.state);
    await trx
      .updateTable('nurse_presence')
      .set({
        ...change,
        next_status: change.next_status === undefined ? undefined : JSON.stringify(change.next_status),
      })
      .where('hsa_id', '=', before.hsa_id)
      .execute();
    if (next.state !== before.state || next.break_reason !== before.break_reason) {
      this.record(after, next.region_id, {
        type: 'nurse-presence-changed',
        at: toMs(now),
        nurseId: next.hsa_id,
        presence: next.state,
        ...(next.break_reason !== null ? { breakReason: next.break_reason } : {}),
      });
    }
    this.presenceChanged(after, next);
    return next;
  }

  private async updateCall(
    trx: Trx,
    callId: string,
    change: Partial<Omit<CallRow, 'id' | 'pre_assessment' | 'priority_changes'>> & {
      priority_changes?: PriorityChange[];
    },
  ): Promise<CallRow> {
    const { priority_changes, ...rest } = change;
    return trx
      .updateTable('queue_call')
      .set({
        ...rest,
        ...(priority_changes !== undefined ? { priority_changes: JSON.stringify(priority_changes) } : {}),
      })
      .where('id', '=', callId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  // -------------------------------------------------------------------------------------------
  // Telephony: calls entering and callers hanging up

  /** A call passed the phone menu: it joins its queue with the urgency its answers give. */
  async callEntered(input: CallEntered): Promise<TelephonyCallEnteredResponse> {
    const now = this.deps.clock();
    const region = await this.deps.db
      .selectFrom('region')
      .select('id')
      .where('id', '=', input.regionId)
      .executeTakeFirst();
    if (region === undefined)
      throw badRequest(`Unknown region "${input.regionId}".`, [
        { path: 'regionId', message: 'unknown region' },
      ]);
    const queueId = input.queueId ?? input.regionId;
    if (queueId !== input.regionId && queueId !== OVERFLOW_QUEUE_ID) {
      throw badRequest(
        `queueId must be the region's own queue ("${input.regionId}") or "${OVERFLOW_QUEUE_ID}".`,
        [{ path: 'queueId', message: 'unknown queue' }],
      );
    }
    const personnummer = this.checkPersonnummer(input.personnummer, now);
    const { preAssessment, urgencyClass } = assessPhoneMenu(input.answers, input.urgencyClass);
    const regionConfig = this.deps.config.forRegion(input.regionId);
    const row: CallRow = {
      id: randomUUID(),
      region_id: input.regionId,
      queue_id: queueId,
      kind: 'inbound',
      external_ref: input.externalRef,
      caller_number: input.callerNumber,
      personnummer,
      language: input.language,
      pre_assessment: preAssessment,
      red_flag_codes: preAssessment.redFlags.map((flag) => flag.code),
      urgency_class: urgencyClass,
      entered_queue_at: now,
      waiting_since: now,
      overflow_at: this.overflowAt(queueId, regionConfig, now),
      state: 'waiting',
      assigned_to: null,
      offered_at: null,
      offer_expires_at: null,
      answered_at: null,
      ended_at: null,
      after_call_work_ended_at: null,
      abandoned_at: null,
      callback_id: null,
      priority_changes: [],
    };
    try {
      await this.transaction(async (trx, after) => {
        await trx
          .insertInto('queue_call')
          .values({ ...row, pre_assessment: JSON.stringify(row.pre_assessment), priority_changes: '[]' })
          .execute();
        this.enteredQueue(after, row, now, 'call', 'call-entered');
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === '23505') {
        throw new ApiHttpError(
          409,
          'duplicate_call',
          'A call with this externalRef is already known; send each call once.',
        );
      }
      throw error;
    }
    return { callId: row.id, queueId, urgencyClass, redFlags: preAssessment.redFlags };
  }

  private checkPersonnummer(input: string | undefined, now: Date): string | null {
    if (input === undefined || input === '') return null;
    const parsed = parsePatientId(input, { today: now });
    if (!parsed.ok) {
      throw badRequest(`personnummer is not valid: ${parsed.error.en}.`, [
        { path: 'personnummer', message: parsed.error.en },
      ]);
    }
    if (parsed.value.kind !== 'personnummer' && parsed.value.kind !== 'samordningsnummer') {
      throw badRequest('personnummer must be a personnummer or samordningsnummer.', [
        { path: 'personnummer', message: 'not a personnummer' },
      ]);
    }
    return parsed.value.normalized;
  }

  /**
   * The caller hung up. Waiting or ringing: the call leaves the queue as abandoned (a ringing nurse
   * stays available). Talking: the conversation ended and after-call work begins, unless
   * `ifStillWaiting` says only a waiting caller is hanging up.
   */
  async callerHungUp(
    externalRef: string,
    request: TelephonyHangUpRequest = {},
  ): Promise<TelephonyHangUpResponse> {
    const peek = await this.deps.db
      .selectFrom('queue_call')
      .select('id')
      .where('external_ref', '=', externalRef)
      .executeTakeFirst();
    if (peek === undefined) {
      throw new ApiHttpError(404, 'call_not_found', 'No call with this externalRef is known.');
    }
    return this.transaction(async (trx, after) => {
      const now = this.deps.clock();
      const call = await this.lockCall(trx, peek.id);
      if (call === undefined)
        throw new ApiHttpError(404, 'call_not_found', 'No call with this externalRef is known.');
      if (call.state === 'waiting' || call.state === 'offered') {
        await this.updateCall(trx, call.id, {
          state: 'abandoned',
          abandoned_at: now,
          assigned_to: null,
          offer_expires_at: null,
        });
        this.record(after, call.region_id, { type: 'call-abandoned', at: toMs(now), callId: call.id });
        if (call.state === 'offered' && call.assigned_to !== null) {
          const nurse = await this.lockPresence(trx, call.assigned_to);
          if (nurse !== undefined && nurse.offered_call_id === call.id) {
            await this.updatePresence(
              trx,
              nurse,
              { offered_call_id: null, reason: 'offer-withdrawn' },
              now,
              after,
            );
          }
        }
        this.queueChanged(after, call, now, 'call-abandoned');
        return { outcome: 'abandoned' as const, state: 'abandoned' as const };
      }
      if (call.state === 'connected' && request.ifStillWaiting !== true && call.assigned_to !== null) {
        const nurse = await this.lockPresence(trx, call.assigned_to);
        if (nurse === undefined) throw new Error('A connected call has no nurse presence row');
        await this.finishConversation(trx, call, nurse, now, after, { hangUpLine: false });
        return { outcome: 'ended' as const, state: 'after-call-work' as const };
      }
      return { outcome: 'unchanged' as const, state: call.state };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Assignment

  /**
   * Offers waiting calls to available nurses until one side runs out: the longest-available nurse
   * who has a call she may take gets the first call in answer order among those. Concurrent passes
   * in this instance are folded into one; passes in other instances skip the rows this one holds.
   * Returns the number of offers made.
   */
  assignWaitingCalls(): Promise<number> {
    if (this.assigning !== null) {
      this.assignAgain = true;
      return this.assigning;
    }
    const run = async (): Promise<number> => {
      let offers = 0;
      do {
        this.assignAgain = false;
        for (let i = 0; i < MAX_ASSIGNMENTS_PER_PASS; i++) {
          if (!(await this.offerOneCall())) break;
          offers++;
        }
      } while (this.assignAgain);
      return offers;
    };
    this.assigning = run().finally(() => {
      this.assigning = null;
    });
    return this.assigning;
  }

  /** One offer in one transaction; false when no nurse/call pair is free right now. */
  private async offerOneCall(): Promise<boolean> {
    try {
      return await this.transaction(async (trx, after) => {
        const now = this.deps.clock();
        const servesOverflow = this.servesOverflowSql();
        const nurse = (
          await sql<{ hsa_id: string; region_id: string }>`
            select p.hsa_id, p.region_id from nurse_presence p
            where p.state = 'available' and p.offered_call_id is null
              and exists (
                select 1 from queue_call c
                where c.state = 'waiting'
                  and (c.queue_id = p.region_id or (${servesOverflow} and c.overflow_at <= ${now}::timestamptz)))
            order by p.since, p.hsa_id
            limit 1
            for update of p skip locked`.execute(trx)
        ).rows[0];
        if (nurse === undefined) return false;
        const regionConfig = this.deps.config.forRegion(nurse.region_id);
        const serves = regionConfig.overflow.serve;
        const priority = sql<number>`(case when c.queue_id = ${nurse.region_id} then ${this.prioritySql(regionConfig.priority, now)} else ${this.prioritySql(this.deps.config.overflowPriority, now)} end)`;
        const call = (
          await sql<CallRow>`
            select c.* from queue_call c
            where c.state = 'waiting'
              and (c.queue_id = ${nurse.region_id} or (${serves} and c.overflow_at <= ${now}::timestamptz))
            order by ${priority} desc, c.waiting_since, c.entered_queue_at, c.id
            limit 1
            for update skip locked`.execute(trx)
        ).rows[0];
        // Every call she could take is being handled by another instance: let that one finish.
        if (call === undefined) return false;
        const expiresAt = new Date(now.getTime() + regionConfig.offerTimeoutSeconds * 1000);
        await this.updateCall(trx, call.id, {
          state: 'offered',
          assigned_to: nurse.hsa_id,
          offered_at: now,
          offer_expires_at: expiresAt,
        });
        await trx
          .updateTable('nurse_presence')
          .set({ offered_call_id: call.id })
          .where('hsa_id', '=', nurse.hsa_id)
          .execute();
        this.record(after, call.region_id, {
          type: 'call-offered',
          at: toMs(now),
          callId: call.id,
          nurseId: nurse.hsa_id,
        });
        const offered: CallRow = {
          ...call,
          state: 'offered',
          assigned_to: nurse.hsa_id,
          offered_at: now,
          offer_expires_at: expiresAt,
        };
        after.events.push({
          regionId: nurse.region_id,
          type: CALL_EVENT_TYPES.callOffered,
          payload: { ...offerOf(offered), hsaId: nurse.hsa_id },
        });
        this.queueChanged(after, offered, now, 'call-offered');
        return true;
      });
    } catch (error) {
      // The unique index caught a second live call for one nurse: nothing was written; try again later.
      if ((error as { code?: unknown }).code === '23505') {
        this.deps.logger.warn('an offer was refused by the one-live-call-per-nurse index; retrying later');
        return false;
      }
      throw error;
    }
  }

  // -------------------------------------------------------------------------------------------
  // The ticking part: offers ringing out, after-call work timers, callbacks falling due, overflow

  /** Everything time drives, then assignment. Safe to run in every instance at once. */
  async tick(): Promise<void> {
    // One cheap look first: most ticks find nothing due, and then open no transaction at all.
    const now = this.deps.clock();
    const due = (
      await sql<{ offers: boolean; timers: boolean; callbacks: boolean; waiting: boolean }>`
        select
          exists (select 1 from queue_call where state = 'offered' and offer_expires_at <= ${now}::timestamptz) as offers,
          exists (select 1 from nurse_presence where state = 'after-call-work' and after_call_work_ends_at <= ${now}::timestamptz) as timers,
          exists (select 1 from callback where state = 'scheduled' and next_attempt_at <= ${now}::timestamptz) as callbacks,
          exists (select 1 from queue_call where state = 'waiting') as waiting`.execute(this.deps.db)
    ).rows[0]!;
    if (due.offers) await this.expireOffers();
    if (due.timers) await this.endAfterCallWorkTimers();
    if (due.callbacks) await this.releaseDueCallbacks();
    await this.announceOverflow();
    if (due.waiting || due.offers || due.timers || due.callbacks) await this.assignWaitingCalls();
  }

  /** An offer that rang out: the call goes back to its place, the nurse is set unavailable and told why. */
  async expireOffers(): Promise<number> {
    let expired = 0;
    for (;;) {
      const done = await this.transaction(async (trx, after) => {
        const now = this.deps.clock();
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
        await this.ringOut(trx, call, now, after);
        return true;
      });
      if (!done) return expired;
      expired++;
    }
  }

  private async ringOut(trx: Trx, call: CallRow, now: Date, after: AfterCommit): Promise<void> {
    // Back to waiting with the same waiting_since: the call keeps its place in the queue.
    await this.updateCall(trx, call.id, {
      state: 'waiting',
      assigned_to: null,
      offered_at: null,
      offer_expires_at: null,
    });
    const returned: CallRow = { ...call, state: 'waiting', assigned_to: null };
    this.queueChanged(after, returned, now, 'call-returned');
    this.redFlagAlert(after, returned, now);
    after.assign = true;
    if (call.assigned_to === null) return;
    const nurse = await this.lockPresence(trx, call.assigned_to);
    if (nurse === undefined || nurse.offered_call_id !== call.id) return;
    await this.updatePresence(
      trx,
      nurse,
      {
        state: 'break',
        break_reason: 'offer-timeout',
        reason: 'offer-timeout',
        since: now,
        offered_call_id: null,
      },
      now,
      after,
    );
  }

  private async endAfterCallWorkTimers(): Promise<number> {
    let ended = 0;
    for (;;) {
      const done = await this.transaction(async (trx, after) => {
        const now = this.deps.clock();
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
        await this.finishAfterCallWork(trx, nurse, call ?? null, now, 'after-call-work-timer', after);
        return true;
      });
      if (!done) return ended;
      ended++;
    }
  }

  private async finishAfterCallWork(
    trx: Trx,
    nurse: PresenceRow,
    call: CallRow | null,
    now: Date,
    reason: PresenceChangeReason,
    after: AfterCommit,
  ): Promise<PresenceRow> {
    if (call !== null && call.state === 'after-call-work') {
      await this.updateCall(trx, call.id, { state: 'ended', after_call_work_ended_at: now });
      this.record(after, call.region_id, {
        type: 'after-call-work-ended',
        at: toMs(now),
        callId: call.id,
        nurseId: nurse.hsa_id,
      });
    }
    const next: NextStatus = nurse.next_status ?? { state: 'available' };
    const updated = await this.updatePresence(
      trx,
      nurse,
      {
        state: next.state,
        break_reason: next.state === 'break' ? (next.breakReason ?? 'other') : null,
        reason,
        since: now,
        next_status: null,
        after_call_work_ends_at: null,
        current_call_id: null,
        offered_call_id: null,
      },
      now,
      after,
    );
    if (updated.state === 'available') after.assign = true;
    return updated;
  }

  /** Booked callbacks whose time has come enter the queue with their urgency and original priority base. */
  async releaseDueCallbacks(): Promise<number> {
    return this.transaction(async (trx, after) => {
      const now = this.deps.clock();
      const due = await trx
        .selectFrom('callback')
        .selectAll()
        .where('state', '=', 'scheduled')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(200)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const callback of due) {
        const regionConfig = this.deps.config.forRegion(callback.region_id);
        const redFlags = redFlagsOf(callback.red_flag_codes);
        const row: CallRow = {
          id: randomUUID(),
          region_id: callback.region_id,
          queue_id: callback.queue_id,
          kind: 'callback',
          external_ref: null,
          caller_number: callback.phone,
          personnummer: callback.personnummer,
          language: callback.language,
          pre_assessment: { answers: [], redFlags },
          red_flag_codes: callback.red_flag_codes,
          urgency_class: callback.urgency_class,
          entered_queue_at: now,
          waiting_since: callback.waiting_since,
          overflow_at: this.overflowAt(callback.queue_id, regionConfig, now),
          state: 'waiting',
          assigned_to: null,
          offered_at: null,
          offer_expires_at: null,
          answered_at: null,
          ended_at: null,
          after_call_work_ended_at: null,
          abandoned_at: null,
          callback_id: callback.id,
          priority_changes: [],
        };
        await trx
          .insertInto('queue_call')
          .values({ ...row, pre_assessment: JSON.stringify(row.pre_assessment), priority_changes: '[]' })
          .execute();
        await trx
          .updateTable('callback')
          .set({ state: 'queued', call_id: row.id, next_attempt_at: null })
          .where('id', '=', callback.id)
          .execute();
        this.enteredQueue(after, row, now, 'callback', 'callback-due');
      }
      return due.length;
    });
  }

  /** Tells every region when waiting calls have begun to overflow (they appear in the overflow queue). */
  private async announceOverflow(): Promise<void> {
    const now = this.deps.clock();
    const since = this.lastOverflowCheck;
    this.lastOverflowCheck = now;
    const spilled = await this.deps.db
      .selectFrom('queue_call')
      .select(['region_id', 'queue_id'])
      .where('state', '=', 'waiting')
      .where('queue_id', '<>', OVERFLOW_QUEUE_ID)
      .where('overflow_at', '>', since)
      .where('overflow_at', '<=', now)
      .distinct()
      .execute();
    if (spilled.length === 0) return;
    await this.deps.events.publish({
      regionId: null,
      type: CALL_EVENT_TYPES.queueChanged,
      payload: {
        queueIds: [...new Set([...spilled.map((row) => row.queue_id), OVERFLOW_QUEUE_ID])],
        reason: 'call-overflowed',
      } satisfies QueueChangedPayload,
    });
  }

  // -------------------------------------------------------------------------------------------
  // The nurse's actions

  async presence(staff: PresenceOwner): Promise<Presence> {
    const now = this.deps.clock();
    const row =
      (await this.deps.db
        .selectFrom('nurse_presence')
        .selectAll()
        .where('hsa_id', '=', staff.hsaId)
        .executeTakeFirst()) ?? offlinePresence(staff.hsaId, staff.regionId, now);
    const offered =
      row.offered_call_id === null
        ? null
        : ((await this.deps.db
            .selectFrom('queue_call')
            .selectAll()
            .where('id', '=', row.offered_call_id)
            .executeTakeFirst()) ?? null);
    return presenceOf(row, offered, this.deps.config.forRegion(row.region_id));
  }

  /** PUT presence: her own change, checked by the state machine. Leaving while a call rings returns it to the queue. */
  async updatePresenceByNurse(staff: PresenceOwner, request: PresenceUpdateRequest): Promise<Presence> {
    await this.transaction(async (trx, after) => {
      const now = this.deps.clock();
      const peek = await trx
        .selectFrom('nurse_presence')
        .select('offered_call_id')
        .where('hsa_id', '=', staff.hsaId)
        .executeTakeFirst();
      const offered = peek?.offered_call_id ? await this.lockCall(trx, peek.offered_call_id) : undefined;
      const current = await this.lockOrCreatePresence(trx, staff, now);
      if (current.offered_call_id !== (peek?.offered_call_id ?? null)) throw new RetryTransaction();
      const plan = planPresenceUpdate({ state: current.state, breakReason: current.break_reason }, request);
      let row = current;
      if (plan.state !== undefined) {
        const leaving = plan.state.state !== 'available';
        if (
          leaving &&
          offered !== undefined &&
          offered.state === 'offered' &&
          offered.assigned_to === staff.hsaId
        ) {
          await this.updateCall(trx, offered.id, {
            state: 'waiting',
            assigned_to: null,
            offered_at: null,
            offer_expires_at: null,
          });
          const returned: CallRow = { ...offered, state: 'waiting', assigned_to: null };
          this.queueChanged(after, returned, now, 'call-returned');
          this.redFlagAlert(after, returned, now);
        }
        row = await this.updatePresence(
          trx,
          row,
          {
            state: plan.state.state,
            break_reason: plan.state.breakReason,
            reason: 'nurse',
            since: now,
            offered_call_id: leaving ? null : row.offered_call_id,
          },
          now,
          after,
        );
        if (plan.state.state === 'available') after.assign = true;
        if (leaving && offered !== undefined) after.assign = true;
      }
      if (plan.nextStatus !== undefined) {
        await this.updatePresence(trx, row, { next_status: plan.nextStatus }, now, after);
      }
    });
    return this.presence(staff);
  }

  /**
   * At sign-out (also from a workstation that never said so itself): an available or resting nurse leaves
   * the queues, and a call ringing at her goes back. On a call or in after-call work she stays as she is.
   */
  async staffSignedOut(hsaId: string): Promise<void> {
    const row = await this.deps.db
      .selectFrom('nurse_presence')
      .select(['state', 'region_id'])
      .where('hsa_id', '=', hsaId)
      .executeTakeFirst();
    if (row === undefined || (row.state !== 'available' && row.state !== 'break')) return;
    try {
      await this.updatePresenceByNurse({ hsaId, regionId: row.region_id }, { state: 'offline' });
    } catch (error) {
      // She took a call between the read and the update: the state machine keeps her on it.
      if (error instanceof ApiHttpError && error.statusCode === 409) return;
      throw error;
    }
  }

  /**
   * Answers the call ringing at the nurse, or picks a waiting call from a queue she serves (for
   * example the red-flag caller she was alerted to). Exactly one nurse gets any call.
   */
  async accept(staff: AuthenticatedStaff, callId: string): Promise<CallActionResponse> {
    const outcome = await this.transaction(async (trx, after) => {
      const now = this.deps.clock();
      const call = await this.lockCall(trx, callId);
      if (call === undefined) throw notFound();
      const mine = call.assigned_to === staff.hsaId;
      const serves = this.nurseServesCall(staff.regionId, call, now);
      if (!mine && call.region_id !== staff.regionId && !serves) throw notFound();
      switch (call.state) {
        case 'abandoned':
          throw new ApiHttpError(
            409,
            'call_state_conflict',
            'The caller hung up before the call was answered.',
          );
        case 'connected':
        case 'after-call-work':
        case 'ended':
          if (mine && call.state === 'connected')
            return { callId: call.id, expired: false, response: undefined };
          if (!mine) throw new ApiHttpError(409, 'call_taken', 'Another nurse has already taken this call.');
          throw new ApiHttpError(409, 'call_state_conflict', 'This call is already over.');
        case 'offered':
          if (!mine) throw new ApiHttpError(409, 'call_taken', 'This call is ringing at another nurse.');
          break;
        case 'waiting':
          if (!serves) {
            throw new ApiHttpError(
              409,
              'call_state_conflict',
              'This call waits in the overflow queue, which your region does not serve.',
            );
          }
          break;
      }
      const nurse = await this.lockOrCreatePresence(trx, staff, now);
      if (call.state === 'offered' && call.offer_expires_at !== null && call.offer_expires_at <= now) {
        await this.ringOut(trx, call, now, after);
        return { callId: call.id, expired: true, response: undefined };
      }
      const refusal = cannotTakeCall(nurse.state, nurse.break_reason);
      if (refusal !== null) throw new ApiHttpError(409, 'presence_transition_forbidden', refusal);
      if (nurse.offered_call_id !== null && nurse.offered_call_id !== call.id) {
        throw new ApiHttpError(
          409,
          'presence_transition_forbidden',
          'Another call is ringing at you: answer or decline that one first.',
        );
      }
      const connected = await this.updateCall(trx, call.id, {
        state: 'connected',
        assigned_to: staff.hsaId,
        answered_at: now,
        offer_expires_at: null,
      });
      this.record(after, call.region_id, {
        type: 'call-answered',
        at: toMs(now),
        callId: call.id,
        nurseId: staff.hsaId,
      });
      const onCall = await this.updatePresence(
        trx,
        nurse,
        {
          state: 'on-call',
          reason: 'call-accepted',
          since: now,
          current_call_id: call.id,
          offered_call_id: null,
          break_reason: null,
        },
        now,
        after,
      );
      if (call.callback_id !== null) {
        await trx
          .updateTable('callback')
          .set({ state: 'in-progress' })
          .where('id', '=', call.callback_id)
          .execute();
      }
      this.queueChanged(after, connected, now, 'call-answered');
      after.telephony.push((platform) => platform.connectNurse(this.line(connected), { hsaId: staff.hsaId }));
      // The answer is built from the rows just written: no second round trip on the hottest path.
      const response: CallActionResponse = {
        call: callOf(connected),
        presence: presenceOf(onCall, null, this.deps.config.forRegion(onCall.region_id)),
      };
      return { callId: call.id, expired: false, response };
    });
    if (outcome.response !== undefined) return outcome.response;
    if (outcome.expired) {
      throw new ApiHttpError(
        409,
        'offer_expired',
        'The call rang out before you answered; it went back to the queue and you are now unavailable. Set yourself available to take calls again.',
      );
    }
    return this.callAction(staff, outcome.callId);
  }

  /** Lets the call ringing at her go back to the queue (keeping its place); she moves to the back of the line. */
  async decline(staff: AuthenticatedStaff, callId: string): Promise<CallActionResponse> {
    await this.transaction(async (trx, after) => {
      const now = this.deps.clock();
      const call = await this.lockCall(trx, callId);
      if (call === undefined || (call.assigned_to !== staff.hsaId && call.region_id !== staff.regionId))
        throw notFound();
      if (call.state !== 'offered' || call.assigned_to !== staff.hsaId) {
        throw new ApiHttpError(
          409,
          'call_state_conflict',
          'This call is not ringing at you, so there is nothing to decline.',
        );
      }
      const nurse = await this.lockOrCreatePresence(trx, staff, now);
      await this.updateCall(trx, call.id, {
        state: 'waiting',
        assigned_to: null,
        offered_at: null,
        offer_expires_at: null,
      });
      await this.updatePresence(
        trx,
        nurse,
        { offered_call_id: null, since: now, reason: 'nurse' },
        now,
        after,
      );
      const returned: CallRow = { ...call, state: 'waiting', assigned_to: null };
      this.queueChanged(after, returned, now, 'call-returned');
      this.redFlagAlert(after, returned, now);
      after.assign = true;
    });
    return this.callAction(staff, callId);
  }

  /** The conversation is over: after-call work starts with the regional timer. */
  async endCall(staff: AuthenticatedStaff, callId: string): Promise<CallActionResponse> {
    await this.transaction(async (trx, after) => {
      const now = this.deps.clock();
      const call = await this.lockCall(trx, callId);
      if (call === undefined || (call.assigned_to !== staff.hsaId && call.region_id !== staff.regionId))
        throw notFound();
      if (call.assigned_to !== staff.hsaId) {
        throw new ApiHttpError(409, 'call_taken', 'This call is handled by another nurse.');
      }
      if (call.state !== 'connected') {
        throw new ApiHttpError(
          409,
          'call_state_conflict',
          call.state === 'offered'
            ? 'Accept the call before ending it.'
            : 'This conversation has already ended.',
        );
      }
      const nurse = await this.lockOrCreatePresence(trx, staff, now);
      await this.finishConversation(trx, call, nurse, now, after, { hangUpLine: true });
    });
    return this.callAction(staff, callId);
  }

  private async finishConversation(
    trx: Trx,
    call: CallRow,
    nurse: PresenceRow,
    now: Date,
    after: AfterCommit,
    options: { hangUpLine: boolean },
  ): Promise<void> {
    const regionConfig = this.deps.config.forRegion(nurse.region_id);
    await this.updateCall(trx, call.id, { state: 'after-call-work', ended_at: now });
    this.record(after, call.region_id, {
      type: 'call-ended',
      at: toMs(now),
      callId: call.id,
      nurseId: nurse.hsa_id,
    });
    const updated = await this.updatePresence(
      trx,
      nurse,
      {
        state: 'after-call-work',
        reason: 'call-ended',
        since: now,
        after_call_work_ends_at: new Date(now.getTime() + regionConfig.afterCallWorkSeconds * 1000),
      },
      now,
      after,
    );
    if (call.callback_id !== null) await this.completeCallbackOnEnd(trx, call, nurse.hsa_id, now);
    if (options.hangUpLine) after.telephony.push((platform) => platform.endCall(this.line(call)));
    if (regionConfig.afterCallWorkSeconds === 0) {
      const ended: CallRow = { ...call, state: 'after-call-work' };
      await this.finishAfterCallWork(trx, updated, ended, now, 'after-call-work-timer', after);
    }
  }

  /** A callback call that ends without a failed attempt recorded reached the patient. */
  private async completeCallbackOnEnd(trx: Trx, call: CallRow, hsaId: string, now: Date): Promise<void> {
    if (call.callback_id === null) return;
    const callback = await trx
      .selectFrom('callback')
      .selectAll()
      .where('id', '=', call.callback_id)
      .forUpdate()
      .executeTakeFirst();
    if (callback === undefined || callback.state !== 'in-progress' || callback.call_id !== call.id) return;
    const attempt: CallbackAttempt = {
      at: now.toISOString(),
      outcome: 'reached',
      byHsaId: hsaId,
      note: null,
    };
    await trx
      .updateTable('callback')
      .set({ state: 'completed', attempts: JSON.stringify([...callback.attempts, attempt]), call_id: null })
      .where('id', '=', callback.id)
      .execute();
  }

  /** Ends after-call work before the timer; `nextStatus` (or available) follows. */
  async endAfterCallWork(staff: AuthenticatedStaff): Promise<Presence> {
    await this.transaction(async (trx, after) => {
      const now = this.deps.clock();
      const peek = await trx
        .selectFrom('nurse_presence')
        .select('current_call_id')
        .where('hsa_id', '=', staff.hsaId)
        .executeTakeFirst();
      const call = peek?.current_call_id ? await this.lockCall(trx, peek.current_call_id) : undefined;
      const nurse = await this.lockOrCreatePresence(trx, staff, now);
      if (nurse.current_call_id !== (peek?.current_call_id ?? null)) throw new RetryTransaction();
      if (nurse.state !== 'after-call-work') {
        throw new ApiHttpError(
          409,
          'presence_transition_forbidden',
          nurse.state === 'on-call'
            ? 'You are still on the call: end the call first (POST /api/v1/calls/:id/end).'
            : 'You are not in after-call work, so there is none to end.',
        );
      }
      await this.finishAfterCallWork(trx, nurse, call ?? null, now, 'after-call-work-ended-early', after);
    });
    return this.presence(staff);
  }

  private async callAction(staff: AuthenticatedStaff, callId: string): Promise<CallActionResponse> {
    const row = await this.deps.db
      .selectFrom('queue_call')
      .selectAll()
      .where('id', '=', callId)
      .executeTakeFirstOrThrow();
    return { call: callOf(row), presence: await this.presence(staff) };
  }

  /** One call in full: for the nurse it is (or was) assigned to, and the region's team leads. */
  async call(staff: AuthenticatedStaff, callId: string): Promise<Call> {
    const row = await this.deps.db
      .selectFrom('queue_call')
      .selectAll()
      .where('id', '=', callId)
      .executeTakeFirst();
    if (row === undefined) throw notFound();
    const teamLead = staff.roles.includes('team_lead') && row.region_id === staff.regionId;
    if (row.assigned_to !== staff.hsaId && !teamLead) throw notFound();
    return callOf(row);
  }

  /** Team lead: a waiting call gets another urgency class; the reason and who made the change stay with it. */
  async reprioritise(staff: AuthenticatedStaff, callId: string, request: ReprioritiseRequest): Promise<Call> {
    await this.transaction(async (trx, after) => {
      const now = this.deps.clock();
      const call = await this.lockCall(trx, callId);
      if (call === undefined || call.region_id !== staff.regionId) throw notFound();
      if (call.state !== 'waiting' && call.state !== 'offered') {
        throw new ApiHttpError(
          409,
          'call_state_conflict',
          'Only a call still in the queue can be re-prioritised.',
        );
      }
      if (call.urgency_class === request.urgencyClass) {
        throw new ApiHttpError(
          409,
          'call_state_conflict',
          `The call already has urgency ${request.urgencyClass}.`,
        );
      }
      const change: PriorityChange = {
        from: call.urgency_class,
        to: request.urgencyClass,
        reason: request.reason,
        byHsaId: staff.hsaId,
        at: now.toISOString(),
      };
      await this.updateCall(trx, call.id, {
        urgency_class: request.urgencyClass,
        priority_changes: [...call.priority_changes, change],
      });
      this.queueChanged(after, call, now, 'call-reprioritised');
    });
    return callOf(
      await this.deps.db
        .selectFrom('queue_call')
        .selectAll()
        .where('id', '=', callId)
        .executeTakeFirstOrThrow(),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Callbacks

  async bookCallback(staff: AuthenticatedStaff, request: CallbackBooking): Promise<Callback> {
    const now = this.deps.clock();
    const windowStart = new Date(request.windowStart);
    const windowEnd = new Date(request.windowEnd);
    if (windowEnd <= now) {
      throw badRequest('windowEnd has already passed; book a window that ends in the future.', [
        { path: 'windowEnd', message: 'in the past' },
      ]);
    }
    if (windowStart.getTime() - now.getTime() > MAX_CALLBACK_LEAD_MS) {
      throw badRequest('windowStart is more than 14 days ahead; book closer to the time.', [
        { path: 'windowStart', message: 'too far ahead' },
      ]);
    }
    const personnummer = this.checkPersonnummer(request.personnummer, now);
    const source =
      request.sourceCallId === undefined
        ? undefined
        : await this.deps.db
            .selectFrom('queue_call')
            .selectAll()
            .where('id', '=', request.sourceCallId)
            .where('region_id', '=', staff.regionId)
            .executeTakeFirst();
    if (request.sourceCallId !== undefined && source === undefined) {
      throw new ApiHttpError(404, 'call_not_found', 'sourceCallId names no call in your region.');
    }
    // The case may not have synced yet (it is saved on the workstation first), but it is never another region's.
    if (request.caseId !== undefined && request.caseId !== null) {
      const owner = await this.deps.db
        .selectFrom('case_record')
        .select('region_id')
        .where('id', '=', request.caseId)
        .executeTakeFirst();
      if (owner !== undefined && owner.region_id !== staff.regionId) {
        throw new ApiHttpError(404, 'not_found', 'caseId names no case in your region.');
      }
    }
    const regionConfig = this.deps.config.forRegion(staff.regionId);
    const stillQueued = source !== undefined && (source.state === 'waiting' || source.state === 'offered');
    // Never before it was booked, so a window set in the past cannot jump the queue.
    const booked = new Date(Math.max(windowStart.getTime(), now.getTime()));
    const row: CallbackRow = {
      id: randomUUID(),
      region_id: staff.regionId,
      queue_id: source?.queue_id ?? staff.regionId,
      phone: request.phone,
      personnummer: personnummer ?? source?.personnummer ?? null,
      reason: request.reason,
      urgency_class: request.urgencyClass,
      red_flag_codes: request.redFlags ?? [],
      language: request.language ?? source?.language ?? 'sv',
      window_start: windowStart,
      window_end: windowEnd,
      waiting_since: stillQueued ? source.waiting_since : booked,
      state: 'scheduled',
      attempts: [],
      max_attempts: regionConfig.callbackRetry.maxAttempts,
      retry_after_seconds: regionConfig.callbackRetry.retryAfterSeconds,
      next_attempt_at: booked,
      call_id: null,
      booked_by: staff.hsaId,
      booked_at: now,
      source_call_id: source?.id ?? null,
      case_id: request.caseId ?? null,
      cancelled_at: null,
      cancelled_by: null,
      cancel_reason: null,
    };
    await this.transaction(async (trx, after) => {
      await trx
        .insertInto('callback')
        .values({ ...row, attempts: '[]' })
        .execute();
      after.events.push({
        regionId: staff.regionId,
        type: CALL_EVENT_TYPES.queueChanged,
        payload: { queueIds: [row.queue_id], reason: 'callback-booked' } satisfies QueueChangedPayload,
      });
      if (booked <= now) after.callbacksDue = true;
    });
    return this.callback(staff, row.id);
  }

  private async callback(staff: AuthenticatedStaff, id: string): Promise<Callback> {
    const row = await this.deps.db
      .selectFrom('callback')
      .selectAll()
      .where('id', '=', id)
      .where('region_id', '=', staff.regionId)
      .executeTakeFirst();
    if (row === undefined) throw notFound('callback');
    return callbackOf(row);
  }

  async listCallbacks(staff: AuthenticatedStaff, query: CallbacksQuery): Promise<Callback[]> {
    const states = query.state ?? ['scheduled', 'queued', 'in-progress'];
    const rows = await this.deps.db
      .selectFrom('callback')
      .selectAll()
      .where('region_id', '=', staff.regionId)
      .where('state', 'in', states)
      .orderBy(sql`next_attempt_at asc nulls last`)
      .orderBy('booked_at', 'desc')
      .orderBy('id')
      .limit(query.limit)
      .execute();
    return rows.map(callbackOf);
  }

  /** The callback row, locked until the transaction ends. */
  private lockCallback(trx: Trx, callbackId: string): Promise<CallbackRow | undefined> {
    return trx.selectFrom('callback').selectAll().where('id', '=', callbackId).forUpdate().executeTakeFirst();
  }

  /**
   * Cancels a callback that is not due yet (the caller called in again and got help, or cancelled it),
   * keeping who, when and why. Once it has entered the queue it is a waiting caller and is answered.
   */
  async cancelCallback(staff: AuthenticatedStaff, callbackId: string, reason: string): Promise<Callback> {
    await this.transaction(async (trx, after) => {
      const now = this.deps.clock();
      const callback = await this.lockCallback(trx, callbackId);
      if (callback === undefined || callback.region_id !== staff.regionId) throw notFound('callback');
      if (callback.state !== 'scheduled') {
        throw new ApiHttpError(
          409,
          'callback_state_conflict',
          callback.state === 'queued' || callback.state === 'in-progress'
            ? 'This callback is already in the queue or under way: answer it and record the outcome instead.'
            : `This callback is ${callback.state}; it cannot be cancelled.`,
        );
      }
      await trx
        .updateTable('callback')
        .set({
          state: 'cancelled',
          next_attempt_at: null,
          cancelled_at: now,
          cancelled_by: staff.hsaId,
          cancel_reason: reason,
        })
        .where('id', '=', callback.id)
        .execute();
      after.events.push({
        regionId: callback.region_id,
        type: CALL_EVENT_TYPES.queueChanged,
        payload: {
          queueIds: [callback.queue_id],
          reason: 'callback-cancelled',
        } satisfies QueueChangedPayload,
      });
    });
    return this.callback(staff, callbackId);
  }

  /**
   * Records one attempt. Reached completes the callback. No answer, busy and voicemail are retried
   * after the regional interval until the attempts are used up; wrong number fails it at once.
   * A failed attempt on the callback's call ends that call (after-call work follows).
   */
  async recordCallbackAttempt(
    staff: AuthenticatedStaff,
    callbackId: string,
    request: CallbackAttemptRequest,
  ): Promise<Callback> {
    await this.transaction(async (trx, after) => {
      const now = this.deps.clock();
      const peek = await trx
        .selectFrom('callback')
        .select(['call_id', 'region_id'])
        .where('id', '=', callbackId)
        .executeTakeFirst();
      if (peek === undefined || peek.region_id !== staff.regionId) throw notFound('callback');
      const call = peek.call_id === null ? undefined : await this.lockCall(trx, peek.call_id);
      const callback = await this.lockCallback(trx, callbackId);
      if (callback === undefined) throw notFound('callback');
      if (callback.call_id !== peek.call_id) throw new RetryTransaction();
      if (callback.state !== 'scheduled' && callback.state !== 'in-progress') {
        throw new ApiHttpError(
          409,
          'callback_state_conflict',
          callback.state === 'queued'
            ? 'This callback is waiting in the queue: take its call first, then record the attempt.'
            : `This callback is ${callback.state}; no more attempts are recorded.`,
        );
      }
      const onItsCall = callback.state === 'in-progress' && call !== undefined && call.state === 'connected';
      if (onItsCall && call.assigned_to !== staff.hsaId) {
        throw new ApiHttpError(409, 'call_taken', "Another nurse is on this callback's call.");
      }
      const attempt: CallbackAttempt = {
        at: now.toISOString(),
        outcome: request.outcome,
        byHsaId: staff.hsaId,
        note: request.note ?? null,
      };
      const attempts = [...callback.attempts, attempt];
      const failed = request.outcome !== 'reached';
      const retry = failed && request.outcome !== 'wrong-number' && attempts.length < callback.max_attempts;
      await trx
        .updateTable('callback')
        .set({
          attempts: JSON.stringify(attempts),
          state: !failed ? 'completed' : retry ? 'scheduled' : 'failed',
          next_attempt_at: retry ? new Date(now.getTime() + callback.retry_after_seconds * 1000) : null,
          call_id: !failed && onItsCall ? callback.call_id : null,
        })
        .where('id', '=', callback.id)
        .execute();
      after.events.push({
        regionId: callback.region_id,
        type: CALL_EVENT_TYPES.queueChanged,
        payload: { queueIds: [callback.queue_id], reason: 'callback-booked' } satisfies QueueChangedPayload,
      });
      if (failed && onItsCall) {
        const nurse = await this.lockOrCreatePresence(trx, staff, now);
        await this.finishConversation(trx, call, nurse, now, after, { hangUpLine: true });
      }
    });
    return this.callback(staff, callbackId);
  }

  // -------------------------------------------------------------------------------------------
  // The queue view

  /** Calls still in a queue that nurses of the region see: their own queue, and whatever has overflowed. */
  private callsSeenFrom(regionId: string, now: Date): Promise<CallRow[]> {
    return this.deps.db
      .selectFrom('queue_call')
      .selectAll()
      .where('state', 'in', ['waiting', 'offered'])
      .where((eb) => eb.or([eb('queue_id', '=', regionId), eb('overflow_at', '<=', now)]))
      .execute();
  }

  async queueSnapshot(staff: AuthenticatedStaff): Promise<QueueSnapshot> {
    const now = this.deps.clock();
    const regionId = staff.regionId;
    const regionConfig = this.deps.config.forRegion(regionId);
    const rows = await this.callsSeenFrom(regionId, now);
    const region = await this.deps.db
      .selectFrom('region')
      .select('name')
      .where('id', '=', regionId)
      .executeTakeFirst();
    const regional = rows.filter((row) => row.queue_id === regionId);
    const overflow = rows.filter((row) => row.overflow_at !== null && row.overflow_at <= now);
    const queues: QueueView[] = [
      this.queueView(
        regionId,
        'regional',
        { sv: region?.name ?? regionId, en: region?.name ?? regionId },
        true,
        regional,
        regionConfig.priority,
        now,
      ),
      this.queueView(
        OVERFLOW_QUEUE_ID,
        'overflow',
        { sv: 'Gemensam överflödeskö', en: 'Shared overflow queue' },
        regionConfig.overflow.serve,
        overflow,
        this.deps.config.overflowPriority,
        now,
      ),
    ];
    const redFlagCallsWaiting = new Map<string, QueuedCallView>();
    for (const queue of queues) {
      for (const call of queue.calls) {
        if (call.redFlags.length > 0 && !redFlagCallsWaiting.has(call.callId))
          redFlagCallsWaiting.set(call.callId, call);
      }
    }
    const callbacks = await this.deps.db
      .selectFrom('callback')
      .selectAll()
      .where('region_id', '=', regionId)
      .where('state', '=', 'scheduled')
      .where('next_attempt_at', '<=', new Date(now.getTime() + CALLBACKS_DUE_WINDOW_MS))
      .orderBy('next_attempt_at')
      .limit(100)
      .execute();
    const counts = await this.deps.db
      .selectFrom('nurse_presence')
      .select(['state', (eb) => eb.fn.countAll<string>().as('count')])
      .where('region_id', '=', regionId)
      .groupBy('state')
      .execute();
    const nursesByPresence = Object.fromEntries(NURSE_PRESENCE_STATES.map((state) => [state, 0])) as Record<
      NursePresence,
      number
    >;
    for (const row of counts) nursesByPresence[row.state] = Number(row.count);
    return {
      regionId,
      at: now.toISOString(),
      queues,
      redFlagCallsWaiting: [...redFlagCallsWaiting.values()].sort(
        (a, b) => b.secondsWaited - a.secondsWaited,
      ),
      callbacksDue: callbacks.map(callbackOf),
      nursesByPresence,
      you: await this.presence(staff),
    };
  }

  private queueView(
    queueId: string,
    kind: 'regional' | 'overflow',
    name: { sv: string; en: string },
    servedByYou: boolean,
    rows: readonly CallRow[],
    rule: QueuePriorityConfig,
    now: Date,
  ): QueueView {
    const byId = new Map(rows.map((row) => [row.id, row]));
    const queued: QueuedCall[] = rows.map((row) => ({
      callId: row.id,
      urgencyClass: row.urgency_class,
      waitingSince: row.waiting_since.getTime(),
      kind: row.kind === 'callback' ? 'callback' : 'call',
      redFlags: redFlagsOf(row.red_flag_codes),
    }));
    const ordered = orderQueue(queued, now.getTime(), rule);
    const calls = ordered.slice(0, QUEUE_VIEW_LIMIT).map((entry): QueuedCallView => {
      const row = byId.get(entry.callId) as CallRow;
      const explained = explainQueuePosition(entry, queued, now.getTime(), rule);
      return {
        callId: row.id,
        queueId: row.queue_id,
        regionId: row.region_id,
        kind: row.kind,
        urgencyClass: row.urgency_class,
        redFlags: entry.redFlags ?? [],
        language: row.language,
        enteredQueueAt: row.entered_queue_at.toISOString(),
        waitingSince: row.waiting_since.toISOString(),
        secondsWaited: explained.secondsWaited,
        position: explained.position,
        priority: explained.priority,
        explanation: { sv: explained.sv, en: explained.en },
        state: row.state === 'offered' ? 'offered' : 'waiting',
        offeredTo: row.state === 'offered' ? row.assigned_to : null,
        overflowing: kind === 'regional' && row.overflow_at !== null && row.overflow_at <= now,
        callbackId: row.callback_id,
        lastPriorityChange: row.priority_changes.at(-1) ?? null,
      };
    });
    return {
      queueId,
      kind,
      name,
      servedByYou,
      calls,
      waitingCount: rows.length,
      longestWaitSeconds: rows.reduce(
        (longest, row) =>
          Math.max(longest, secondsWaited({ waitingSince: row.entered_queue_at.getTime() }, now.getTime())),
        0,
      ),
      redFlagWaiting: rows.filter((row) => row.red_flag_codes.length > 0).length,
    };
  }

  /**
   * The team lead's overview of a region: its queue and the shared overflow queue now, its nurses per
   * state, and today's metrics (since midnight Swedish time) computed from the recorded call events.
   */
  async queueOverview(regionId: string): Promise<QueueOverview> {
    const now = this.deps.clock();
    const region = await this.deps.db
      .selectFrom('region')
      .select('name')
      .where('id', '=', regionId)
      .executeTakeFirst();
    if (region === undefined) {
      throw new ApiHttpError(404, 'not_found', `There is no region ${regionId}; check the region id.`);
    }
    const regionConfig = this.deps.config.forRegion(regionId);
    const rows = await this.callsSeenFrom(regionId, now);
    const dueCallbacks = await this.deps.db
      .selectFrom('callback')
      .select(['queue_id', (eb) => eb.fn.countAll<string>().as('count')])
      .where('region_id', '=', regionId)
      .where('state', '=', 'scheduled')
      .where('next_attempt_at', '<=', new Date(now.getTime() + CALLBACKS_DUE_WINDOW_MS))
      .groupBy('queue_id')
      .execute();
    const callbacksDue = (queueId: string) =>
      Number(dueCallbacks.find((row) => row.queue_id === queueId)?.count ?? 0);
    const tile = (
      queueId: string,
      kind: 'regional' | 'overflow',
      name: { sv: string; en: string },
      queueRows: readonly CallRow[],
    ): QueueOverviewTile => ({
      queueId,
      kind,
      name,
      waitingCount: queueRows.length,
      longestWaitSeconds: queueRows.reduce(
        (longest, row) =>
          Math.max(longest, secondsWaited({ waitingSince: row.entered_queue_at.getTime() }, now.getTime())),
        0,
      ),
      redFlagCallsWaiting: queueRows
        .filter((row) => row.red_flag_codes.length > 0)
        .map((row) => ({
          callId: row.id,
          regionId: row.region_id,
          urgencyClass: row.urgency_class,
          redFlags: redFlagsOf(row.red_flag_codes),
          enteredQueueAt: row.entered_queue_at.toISOString(),
          secondsWaited: secondsWaited({ waitingSince: row.entered_queue_at.getTime() }, now.getTime()),
        }))
        .sort((a, b) => b.secondsWaited - a.secondsWaited),
      callbacksDue: callbacksDue(queueId),
    });
    const queues = [
      tile(
        regionId,
        'regional',
        { sv: region.name, en: region.name },
        rows.filter((row) => row.queue_id === regionId),
      ),
      tile(
        OVERFLOW_QUEUE_ID,
        'overflow',
        { sv: 'Gemensam överflödeskö', en: 'Shared overflow queue' },
        rows.filter((row) => row.overflow_at !== null && row.overflow_at <= now),
      ),
    ];

    const counts = await this.deps.db
      .selectFrom('nurse_presence')
      .select(['state', 'break_reason', (eb) => eb.fn.countAll<string>().as('count')])
      .where('region_id', '=', regionId)
      .groupBy(['state', 'break_reason'])
      .execute();
    const byState = Object.fromEntries(NURSE_PRESENCE_STATES.map((state) => [state, 0])) as Record<
      NursePresence,
      number
    >;
    const breaksByReason = Object.fromEntries(BREAK_REASONS.map((reason) => [reason, 0])) as Record<
      BreakReason,
      number
    >;
    for (const row of counts) {
      byState[row.state] += Number(row.count);
      if (row.state === 'break') breaksByReason[row.break_reason ?? 'other'] += Number(row.count);
    }

    // Today in Sweden. Events from the evening before too, so calls and presence that span midnight
    // are known (nurse counts come from nurse_presence, so a longer look back would only cost reading).
    const wall = toStockholmWallClock(now);
    const from = fromStockholmWallClock({ year: wall.year, month: wall.month, day: wall.day });
    // Half-open window: one millisecond past now so that what happened at `now` counts.
    const to = new Date(now.getTime() + 1);
    const events = await this.queueEvents(regionId, new Date(from.getTime() - OVERVIEW_LOOK_BACK_MS), to);
    const metrics = computeQueueMetrics(events, {
      from: from.getTime(),
      to: to.getTime(),
      serviceLevelSeconds: regionConfig.serviceLevel.seconds,
      shortAbandonSeconds: regionConfig.serviceLevel.shortAbandonSeconds,
    });
    return {
      regionId,
      regionName: region.name,
      at: now.toISOString(),
      queues,
      nurses: { byState, breaksByReason },
      today: {
        from: metrics.from,
        to: metrics.to,
        serviceLevelSeconds: metrics.serviceLevelSeconds,
        shortAbandonSeconds: metrics.shortAbandonSeconds,
        callsOffered: metrics.callsOffered,
        callsAnswered: metrics.callsAnswered,
        callsAbandoned: metrics.callsAbandoned,
        shortAbandons: metrics.shortAbandons,
        answeredWithinServiceLevel: metrics.answeredWithinServiceLevel,
        serviceLevelBase: metrics.serviceLevelBase,
        serviceLevel: metrics.serviceLevel,
        averageSpeedOfAnswerSeconds: metrics.averageSpeedOfAnswerSeconds,
        abandonRate: metrics.abandonRate,
        callsHandled: metrics.callsHandled,
        averageHandleTimeSeconds: metrics.averageHandleTimeSeconds,
        averageTalkSeconds: metrics.averageTalkSeconds,
        averageAfterCallWorkSeconds: metrics.averageAfterCallWorkSeconds,
        offersNotAnswered: metrics.offersNotAnswered,
        occupancy: metrics.occupancy,
      },
    };
  }

  /** External refs of calls still in a queue whose ref starts with `prefix` (a simulator clearing up after a restart). */
  async queuedExternalRefs(prefix: string): Promise<string[]> {
    const rows = await this.deps.db
      .selectFrom('queue_call')
      .select('external_ref')
      .where('state', 'in', ['waiting', 'offered'])
      .where('external_ref', 'like', `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      .execute();
    return rows.map((row) => row.external_ref).filter((ref): ref is string => ref !== null);
  }

  // -------------------------------------------------------------------------------------------
  // Metrics

  /** Recorded call events of a region in [from, to), oldest first, for core/queue/metrics computeQueueMetrics. */
  async queueEvents(regionId: string, from: Date, to: Date): Promise<QueueEvent[]> {
    const rows = await this.deps.db
      .selectFrom('call_event')
      .select('event')
      .where('region_id', '=', regionId)
      .where('at', '>=', from)
      .where('at', '<', to)
      .orderBy('id')
      .execute();
    return rows.map((row) => row.event);
  }
}
