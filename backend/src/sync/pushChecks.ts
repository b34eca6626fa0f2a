// The checks a pushed item passes before it is stored: its hash, its region and its author, against what the backend holds.
//
// A case id already stored in another region is never overwritten; a case's author never changes, and a
// new case must be written by the nurse who pushes it (a colleague of the same region may push a newer
// version of it). Notes, attachments and log entries may only point at a case of the pusher's region,
// and are refused with their case when it is refused. Every refusal here raises an integrity alert.
import { createHash } from 'node:crypto';
import type { SyncRejectionCode } from '../../../core/backend-api/sync';
import { canonicalPayloadJson, type OutboxItem } from '../../../core/case';
import type { AuthenticatedStaff } from '../auth/tokens';

export interface Rejection {
  seq: number;
  code: SyncRejectionCode;
  message: string;
  /** Raise an integrity alert with this: the stored hash, when there is one. */
  alert?: { storedHash: string | null };
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Checks that need no database: the hash, the region, the author. Returns the refusal or null. */
export function precheck(item: OutboxItem, staff: AuthenticatedStaff): Rejection | null {
  const computed = sha256Hex(canonicalPayloadJson({ entity: item.entity, payload: item.payload } as never));
  if (computed !== item.contentHash) {
    return {
      seq: item.seq,
      code: 'hash_mismatch',
      message: `The ${item.entity} ${item.entityId} does not match its contentHash; it was changed after it was written.`,
      alert: { storedHash: null },
    };
  }
  if (item.entity === 'case' && item.payload.regionId !== staff.regionId) {
    return {
      seq: item.seq,
      code: 'wrong_region',
      message: `Case ${item.entityId} belongs to region ${item.payload.regionId}, not to your region ${staff.regionId}.`,
      alert: { storedHash: null },
    };
  }
  const author =
    item.entity === 'note'
      ? item.payload.responsible.hsaId
      : item.entity === 'access-log'
        ? item.payload.actor.hsaId
        : null;
  if (author !== null && author !== staff.hsaId) {
    return {
      seq: item.seq,
      code: 'wrong_author',
      message: `The ${item.entity} ${item.entityId} names ${author} as its author, but ${staff.hsaId} is signed in.`,
      alert: { storedHash: null },
    };
  }
  return null;
}

/** A case as the backend holds it: whose region and whose it is. */
export interface StoredCaseOwner {
  regionId: string;
  createdBy: string;
}

export interface StoredOwnership {
  /** Every stored case the batch names, as an entity or as the case of a note, attachment or log entry. */
  cases: ReadonlyMap<string, StoredCaseOwner>;
  /** The region of notes, attachments and log entries already stored under an id the batch uses. */
  regions: Readonly<Record<'note' | 'attachment' | 'access-log', ReadonlyMap<string, string>>>;
}

/** The case ids a batch depends on: its cases and the cases its other items point at. */
export function referencedCaseIds(items: readonly OutboxItem[]): string[] {
  const ids = new Set<string>();
  for (const item of items) ids.add(item.entity === 'case' ? item.entityId : item.payload.caseId);
  return [...ids];
}

/** The cases among the refused items, with the code they were refused with. */
export function refusedCases(
  items: readonly OutboxItem[],
  rejections: readonly Rejection[],
): Map<string, SyncRejectionCode> {
  const bySeq = new Map(items.map((item) => [item.seq, item]));
  const refused = new Map<string, SyncRejectionCode>();
  for (const { seq, code } of rejections) {
    const item = bySeq.get(seq);
    if (item?.entity === 'case') refused.set(item.entityId, code);
  }
  return refused;
}

/**
 * Splits the candidates (in sequence order) into those that may be stored and refusals. Cases refused
 * before this (by the hash or region precheck) are passed in, so what depends on them is refused too.
 */
export function checkOwnership(
  candidates: readonly OutboxItem[],
  staff: AuthenticatedStaff,
  stored: StoredOwnership,
  refusedEarlier: ReadonlyMap<string, SyncRejectionCode>,
): { accepted: OutboxItem[]; rejections: Rejection[] } {
  const accepted: OutboxItem[] = [];
  const rejections: Rejection[] = [];
  /** Cases accepted in this batch that are not stored yet: id → author. */
  const newCases = new Map<string, string>();
  /** Cases refused before or in this batch: what points at them is refused with them. */
  const refusedNow = new Map(refusedEarlier);

  const refuse = (item: OutboxItem, code: SyncRejectionCode, message: string) => {
    rejections.push({ seq: item.seq, code, message, alert: { storedHash: null } });
    if (item.entity === 'case' && !newCases.has(item.entityId)) refusedNow.set(item.entityId, code);
  };

  for (const item of candidates) {
    if (item.entity === 'case') {
      const held = stored.cases.get(item.entityId);
      const author = item.payload.createdBy.hsaId;
      const earlierAuthor = held?.createdBy ?? newCases.get(item.entityId);
      if (held && held.regionId !== staff.regionId) {
        refuse(
          item,
          'wrong_region',
          `Case ${item.entityId} already exists in another region; a case id cannot be reused across regions.`,
        );
      } else if (earlierAuthor !== undefined && earlierAuthor !== author) {
        refuse(
          item,
          'wrong_author',
          `Case ${item.entityId} was created by ${earlierAuthor}; a newer version cannot name ${author} as its author.`,
        );
      } else if (earlierAuthor === undefined && author !== staff.hsaId) {
        refuse(
          item,
          'wrong_author',
          `The new case ${item.entityId} names ${author} as its author, but ${staff.hsaId} is signed in.`,
        );
      } else {
        if (!held) newCases.set(item.entityId, author);
        accepted.push(item);
      }
      continue;
    }

    const storedRegion = stored.regions[item.entity].get(item.entityId);
    if (storedRegion !== undefined && storedRegion !== staff.regionId) {
      refuse(
        item,
        'wrong_region',
        `The ${item.entity} ${item.entityId} already exists in another region; its id cannot be reused.`,
      );
      continue;
    }
    const caseId = item.payload.caseId;
    const caseHeld = stored.cases.get(caseId);
    if (caseHeld && caseHeld.regionId !== staff.regionId) {
      refuse(
        item,
        'wrong_region',
        `The ${item.entity} ${item.entityId} points at case ${caseId}, which belongs to another region.`,
      );
    } else if (caseHeld || newCases.has(caseId)) {
      accepted.push(item);
    } else {
      const caseRefusal = refusedNow.get(caseId);
      if (caseRefusal !== undefined) {
        refuse(
          item,
          caseRefusal,
          `The ${item.entity} ${item.entityId} belongs to case ${caseId}, which was refused; it is refused with it.`,
        );
      } else {
        refuse(
          item,
          'unknown_case',
          `The ${item.entity} ${item.entityId} points at case ${caseId}, which the region does not have.`,
        );
      }
    }
  }
  return { accepted, rejections };
}
