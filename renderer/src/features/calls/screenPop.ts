// Screen-pop: turns an accepted call into a new case (patient from the phone menu's personnummer).
//
// The phone menu's answers go with the case as facts of their own (createCase adds the call's facts),
// not into the kontaktorsak, which the nurse writes with the caller's own words. A call without a usable
// personnummer opens the identification form instead: care is never held up by a missing number.
import { createAsyncThunk } from '@reduxjs/toolkit';
import type { CreateCaseArgs } from '../../../../core/api/cases';
import type { Call } from '../../../../core/backend-api/calls';
import { parsePatientId } from '../../../../core/identity/patientId';
import { createCase, openCase } from '../cases/caseThunks';
import { newCaseRequested } from '../identification/identificationSlice';
import { sectionSelected } from '../shell/navigationSlice';
import { identificationStarted } from './activeCallSlice';
import { findCaseForCall } from './callThunks';

/**
 * The new case for a call, or null when the phone menu gave no personnummer the workstation accepts
 * (then the nurse identifies the patient in the form).
 */
export function caseArgsForCall(call: Call, today: Date): CreateCaseArgs | null {
  if (call.personnummer === null) return null;
  const parsed = parsePatientId(call.personnummer, { today });
  if (!parsed.ok) return null;
  return {
    patient: { kind: 'identified', number: parsed.value.normalized },
    caller: 'self',
    callId: call.id,
  };
}

/** Opens the case for the call just accepted, through the cases feature (which switches to the case view). */
export const screenPop = createAsyncThunk('activeCall/screenPop', async (call: Call, { dispatch }) => {
  const args = caseArgsForCall(call, new Date());
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
