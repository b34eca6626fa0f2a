// The queue's own SQL: who is next for an offer, which call she gets (urgency priority in SQL), what is due, what a region sees.
import { sql } from 'kysely';
import { OVERFLOW_QUEUE_ID } from '../../../../core/backend-api/calls';
import type { QueuePriorityConfig } from '../../../../core/queue/priority';
import type { BackendDb } from '../../db/schema';
import type { QueueConfigSet } from '../config';
import type { CallRow } from '../rows';
import type { Trx } from './unitOfWork';

/** SQL: does the nurse row `p` serve the overflow queue (per regional configuration)? */
function servesOverflowSql(config: QueueConfigSet) {
  const { defaultServes, listed } = config.overflowServers();
  return defaultServes
    ? sql<boolean>`not (p.region_id = any(${listed}::text[]))`
    : sql<boolean>`(p.region_id = any(${listed}::text[]))`;
}

/** SQL: the accumulating priority of call row `c` under a rule (core/queue/priority callPriority). */
function prioritySql(rule: QueuePriorityConfig, now: Date) {
  // Milliseconds, multiplied before dividing, exactly as callPriority does.
  const waitedMs = sql`greatest(0, extract(epoch from (${now}::timestamptz - c.waiting_since)) * 1000)::float8`;
  const term = (cls: 'red' | 'orange' | 'yellow' | 'green') =>
    sql`${rule.initialOffset[cls]}::float8 + ${rule.urgencyWeight[cls]}::float8 * ${waitedMs} / 1000`;
  return sql<number>`(case c.urgency_class when 'red' then ${term('red')} when 'orange' then ${term('orange')} when 'yellow' then ${term('yellow')} else ${term('green')} end)`;
}

/**
 * The longest-available nurse with no call ringing who has a waiting call she may take, locked;
 * rows other instances hold are skipped, so passes running at once take different nurses.
 */
export async function claimNextNurse(
  trx: Trx,
  config: QueueConfigSet,
  now: Date,
): Promise<{ hsa_id: string; region_id: string } | undefined> {
  const servesOverflow = servesOverflowSql(config);
  const result = await sql<{ hsa_id: string; region_id: string }>`
    select p.hsa_id, p.region_id from nurse_presence p
    where p.state = 'available' and p.offered_call_id is null
      and exists (
        select 1 from queue_call c
        where c.state = 'waiting'
          and (c.queue_id = p.region_id or (${servesOverflow} and c.overflow_at <= ${now}::timestamptz)))
    order by p.since, p.hsa_id
    limit 1
    for update of p skip locked`.execute(trx);
  return result.rows[0];
}

/** The first waiting call in answer order among those a nurse of `regionId` may take, locked (skipping held rows). */
export async function claimFirstCallFor(
  trx: Trx,
  config: QueueConfigSet,
  regionId: string,
  now: Date,
): Promise<CallRow | undefined> {
  const regionConfig = config.forRegion(regionId);
  const serves = regionConfig.overflow.serve;
  const priority = sql<number>`(case when c.queue_id = ${regionId} then ${prioritySql(regionConfig.priority, now)} else ${prioritySql(config.overflowPriority, now)} end)`;
  const result = await sql<CallRow>`
    select c.* from queue_call c
    where c.state = 'waiting'
      and (c.queue_id = ${regionId} or (${serves} and c.overflow_at <= ${now}::timestamptz))
    order by ${priority} desc, c.waiting_since, c.entered_queue_at, c.id
    limit 1
    for update skip locked`.execute(trx);
  return result.rows[0];
}

/** What time has made due, in one cheap look (no transaction). */
export async function dueWork(
  db: BackendDb,
  now: Date,
): Promise<{ offers: boolean; timers: boolean; callbacks: boolean; waiting: boolean }> {
  const result = await sql<{ offers: boolean; timers: boolean; callbacks: boolean; waiting: boolean }>`
    select
      exists (select 1 from queue_call where state = 'offered' and offer_expires_at <= ${now}::timestamptz) as offers,
      exists (select 1 from nurse_presence where state = 'after-call-work' and after_call_work_ends_at <= ${now}::timestamptz) as timers,
      exists (select 1 from callback where state = 'scheduled' and next_attempt_at <= ${now}::timestamptz) as callbacks,
      exists (select 1 from queue_call where state = 'waiting') as waiting`.execute(db);
  return result.rows[0]!;
}

/** Queues whose waiting calls began to overflow in (since, now]. */
export async function queuesOverflowedBetween(db: BackendDb, since: Date, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('queue_call')
    .select(['region_id', 'queue_id'])
    .where('state', '=', 'waiting')
    .where('queue_id', '<>', OVERFLOW_QUEUE_ID)
    .where('overflow_at', '>', since)
    .where('overflow_at', '<=', now)
    .distinct()
    .execute();
  return rows.map((row) => row.queue_id);
}

/** Calls still in a queue that nurses of the region see: their own queue, and whatever has overflowed. */
export function callsSeenFrom(db: BackendDb, regionId: string, now: Date): Promise<CallRow[]> {
  return db
    .selectFrom('queue_call')
    .selectAll()
    .where('state', 'in', ['waiting', 'offered'])
    .where((eb) => eb.or([eb('queue_id', '=', regionId), eb('overflow_at', '<=', now)]))
    .execute();
}

/** Scheduled callbacks of the region due before `until`. */
export function callbacksDueBefore(db: BackendDb, regionId: string, until: Date) {
  return db
    .selectFrom('callback')
    .where('region_id', '=', regionId)
    .where('state', '=', 'scheduled')
    .where('next_attempt_at', '<=', until);
}

/** The call row as it is now (after a committed change). */
export function readCall(db: BackendDb, callId: string): Promise<CallRow | undefined> {
  return db.selectFrom('queue_call').selectAll().where('id', '=', callId).executeTakeFirst();
}
