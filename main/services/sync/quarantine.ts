// How a quarantined outbox item is shown: its entity, its case and the backend's reason code and message.
import type { QuarantinedEntry } from '../../../core/api/sync';
import type { QuarantinedItem } from '../store';

/** The bridge's view of a quarantined item: the case it belongs to, and its reason code and message as stored. */
export function describeQuarantined(item: QuarantinedItem): QuarantinedEntry {
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
    reasonCode: item.code,
    reason: item.reason,
    createdAt: item.createdAt,
    quarantinedAt: item.quarantinedAt,
  };
}
