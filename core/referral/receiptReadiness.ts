// What a referral receipt needs before it can be made: the same rule for the workstation's main process (which refuses) and the screen (which says so first).
import type { DispositionLevel } from '../triage/dispositionLadder';

export const RECEIPT_FIELDS = ['kontaktorsak', 'rad', 'bradskegrad', 'hanvisning'] as const;
export type ReceiptField = (typeof RECEIPT_FIELDS)[number];

export interface ReceiptSource {
  /** The note the receipt is made from (the newest signed one, else the draft); null when there is none. */
  note: {
    kontaktorsak: string;
    rad: string;
    hanvisning: string;
    bradskegrad: DispositionLevel | null;
  } | null;
  /** The triage's level, used when the note gives none. */
  triageLevel: DispositionLevel | null;
  /** Whether a care unit is chosen for the case. */
  unitChosen: boolean;
}

/**
 * The parts still missing, in the note's order; empty when the receipt can be made. A hänvisning is a
 * chosen unit or the note's own text, and self-care (level 6) needs none.
 */
export function receiptMissing(source: ReceiptSource): ReceiptField[] {
  const { note } = source;
  const missing: ReceiptField[] = [];
  if (!note || note.kontaktorsak.trim() === '') missing.push('kontaktorsak');
  if (!note || note.rad.trim() === '') missing.push('rad');
  const level = note?.bradskegrad ?? source.triageLevel;
  if (level === null) missing.push('bradskegrad');
  const hanvisning = note?.hanvisning.trim() ?? '';
  if (!source.unitChosen && hanvisning === '' && level !== 6) missing.push('hanvisning');
  return missing;
}
