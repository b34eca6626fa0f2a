// Which alarm words the nurse's free text holds for one case: the caller's words in the note and the triage's context answers.
//
// The assessment's pre-filled lines are the protocols' own texts ("Uteslutet: Andningsuppehåll"), so only
// lines the nurse wrote herself are read.
import { findAlarmWords, type AlarmHit } from '../../../../core/triage/alarmWords';
import type { DispositionLevel } from '../../../../core/triage/dispositionLadder';
import type { DraftState } from '../notes/notesSlice';
import type { ContextAnswer } from './triageSlice';

export type AlarmSource = 'kontaktorsak' | 'bedomning' | 'hanvisning' | 'context';

export interface CaseAlarm extends AlarmHit {
  source: AlarmSource;
}

/** Every alarm word once (the first place it is found), in the order: kontaktorsak, assessment, referral, context answers. */
export function caseAlarms(
  draft: Pick<DraftState, 'fields' | 'prefilled'> | null,
  contextAnswers: readonly ContextAnswer[],
): CaseAlarm[] {
  const texts: [AlarmSource, string][] = [];
  if (draft) {
    const prefilled = new Set((draft.prefilled.bedomning ?? '').split('\n'));
    const own = draft.fields.bedomning
      .split('\n')
      .filter((line) => !prefilled.has(line))
      .join('\n');
    texts.push(
      ['kontaktorsak', draft.fields.kontaktorsak],
      ['bedomning', own],
      ['hanvisning', draft.fields.hanvisning],
    );
  }
  for (const answer of contextAnswers) texts.push(['context', answer.value]);
  const alarms: CaseAlarm[] = [];
  for (const [source, text] of texts) {
    for (const hit of findAlarmWords(text)) {
      if (!alarms.some((alarm) => alarm.id === hit.id)) alarms.push({ ...hit, source });
    }
  }
  return alarms;
}

/** The alarms the current level does not yet answer: more urgent than it, or any while no level is given. */
export function unansweredAlarms(alarms: readonly CaseAlarm[], level: DispositionLevel | null): CaseAlarm[] {
  return alarms.filter((alarm) => level === null || alarm.level < level);
}
