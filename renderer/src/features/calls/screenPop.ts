// Screen-pop: turns an accepted call into a new case (patient from the phone menu's personnummer, phone-menu answers as kontaktorsak).
//
// The kontaktorsak is part of the Swedish patient record, so it is always written in Swedish, whatever
// the nurse's UI language. A call without a usable personnummer opens the identification form instead:
// care is never held up by a missing number, and the nurse identifies the patient with the caller.
import { createAsyncThunk } from '@reduxjs/toolkit';
import type { TFunction } from 'i18next';
import type { CreateCaseArgs } from '../../../../core/api/cases';
import type { Call } from '../../../../core/backend-api/calls';
import { parsePatientId } from '../../../../core/identity/patientId';
import { i18n } from '../../app/i18n';
import { createCase, openCase } from '../cases/caseThunks';
import { newCaseRequested } from '../identification/identificationSlice';
import { sectionSelected } from '../shell/navigationSlice';
import { identificationStarted } from './activeCallSlice';
import { findCaseForCall } from './callThunks';
import { languageName } from './time';

/** The phone menu's answers, red flags and language, as the first lines of the kontaktorsak. */
export function phoneMenuSummary(call: Call, t: TFunction): string {
  const lines: string[] = [];
  if (call.preAssessment.answers.length > 0) {
    lines.push(t('calls.screenPop.answersHeading'));
    for (const answer of call.preAssessment.answers) {
      lines.push(
        t('calls.screenPop.answerLine', {
          question: answer.question.sv,
          answer: t(`calls.screenPop.answer.${answer.answer}`),
        }),
      );
    }
  }
  if (call.preAssessment.redFlags.length > 0) {
    lines.push(
      t('calls.screenPop.redFlags', {
        flags: call.preAssessment.redFlags.map((flag) => flag.label.sv).join(', '),
      }),
    );
  }
  if (call.language !== 'sv') {
    lines.push(t('calls.screenPop.language', { language: languageName(call.language, 'sv') }));
  }
  if (call.kind === 'callback') lines.push(t('calls.screenPop.callback'));
  return lines.join('\n');
}

/**
 * The new case for a call, or null when the phone menu gave no personnummer the workstation accepts
 * (then the nurse identifies the patient in the form).
 */
export function caseArgsForCall(call: Call, today: Date, t: TFunction): CreateCaseArgs | null {
  if (call.personnummer === null) return null;
  const parsed = parsePatientId(call.personnummer, { today });
  if (!parsed.ok) return null;
  const kontaktorsak = phoneMenuSummary(call, t);
  return {
    patient: { kind: 'identified', number: parsed.value.normalized },
    caller: 'self',
    callId: call.id,
    ...(kontaktorsak ? { kontaktorsak } : {}),
  };
}

/** Opens the case for the call just accepted, through the cases feature (which switches to the case view). */
export const screenPop = createAsyncThunk('activeCall/screenPop', async (call: Call, { dispatch }) => {
  const args = caseArgsForCall(call, new Date(), i18n.getFixedT('sv'));
  if (args) {
    const created = await dispatch(createCase(args));
    // The call has a case already (offered again after a reload, a second window): open that one.
    if (createCase.rejected.match(created) && created.payload?.code === 'call_has_case') {
      const found = await dispatch(findCaseForCall(call.id));
      if (findCaseForCall.fulfilled.match(found) && found.payload) {
        dispatch(sectionSelected('cases'));
        void dispatch(openCase(found.payload.id));
      }
    }
  } else {
    // The identification form belongs to the cases section.
    dispatch(identificationStarted());
    dispatch(sectionSelected('cases'));
    dispatch(newCaseRequested());
  }
});
