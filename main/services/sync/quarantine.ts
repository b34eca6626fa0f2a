// How a quarantined outbox item is shown: its entity, its case and the backend's reason code and message.
import type { QuarantinedEntry } from '../../../core/api/sync';
import type { QuarantinedItem } from '../store';

/** Parses the reason the engine stored with a quarantined item: "<code>: <message>". */
export function describeQuarantined(item: QuarantinedItem): QuarantinedEntry {
  const match = /^([a-z_]+): ([\s\S]*)$/.exec(item.reason);
  const caseId =
    item.entity === 'case'
      ? item.entityId
      : typeof (item.payload as { caseId?: unknown }).caseId === 'string'
        ? (item.payload as { caseId: string }).caseId
        : null;
  return {
    seq: item.seq,
    entity: item.entity,
    entityId: item.entityId,
    caseId,
    reasonCode: match?.[1] ?? 'other',
    reason: match?.[2] ?? item.reason,
    createdAt: item.createdAt,
    quarantinedAt: item.quarantinedAt,
  };
}
