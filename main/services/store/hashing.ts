// SHA-256 over the canonical forms defined in core/case: the one place the store computes content hashes.
import { createHash } from 'node:crypto';
import { canonicalNoteJson, canonicalPayloadJson, type EntityPayload, type Note } from '../../../core/case';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The hash a note is signed with: SHA-256 of the UTF-8 bytes of canonicalNoteJson. */
export function noteContentHash(note: Note): string {
  return sha256Hex(canonicalNoteJson(note));
}

/** The contentHash of an outbox item (for a signed note this equals the note's own contentHash). */
export function payloadContentHash(item: EntityPayload): string {
  return sha256Hex(canonicalPayloadJson(item));
}
