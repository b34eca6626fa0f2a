// Side effects of call handling: screen-pop on accept, the offered call's details, the current call and its case after a restart, and signing ends after-call work.
import { isAnyOf, type ListenerMiddlewareInstance } from '@reduxjs/toolkit';
import { createCase } from '../cases/caseThunks';
import { signDraft } from '../notes/noteThunks';
import { phoneMenuReceived } from '../triage/triageSlice';
import type { PresenceState } from '../presence/presenceSlice';
import { endAfterCallWork, loadPresence, setPresence } from '../presence/presenceThunks';
import { callOffered, type ActiveCallState } from './activeCallSlice';
import { acceptCall, findCaseForCall, loadCurrentCall, loadOfferedCall, loadQueue } from './callThunks';
import { screenPop } from './screenPop';

type StartListening = ListenerMiddlewareInstance['startListening'];
type CallsRoot = { activeCall: ActiveCallState; presence: PresenceState };

export function setupCallListeners(startListening: StartListening): () => void {
  const unsubscribers = [
    // The case opens the moment she answers.
    startListening({
      actionCreator: acceptCall.fulfilled,
      effect: (action, api) => {
        void api.dispatch(screenPop(action.payload.call) as never);
      },
    }),

    // The case made for the call keeps the phone menu's answers, so the triage can be held against them.
    startListening({
      actionCreator: createCase.fulfilled,
      effect: (action, api) => {
        const { call, caseId } = (api.getState() as CallsRoot).activeCall;
        if (!call || caseId !== action.payload.id || call.preAssessment.answers.length === 0) return;
        const answers = call.preAssessment.answers.map(({ code, answer }) => ({ code, answer }));
        api.dispatch(phoneMenuReceived({ caseId, answers }));
      },
    }),

    // The offer card shows who is calling as soon as the call rings.
    startListening({
      matcher: isAnyOf(callOffered, loadQueue.fulfilled, loadPresence.fulfilled),
      effect: (_action, api) => {
        const { offer, offerCall } = (api.getState() as CallsRoot).activeCall;
        if (offer && offerCall?.id !== offer.callId)
          void api.dispatch(loadOfferedCall(offer.callId) as never);
      },
    }),

    // On a call the workstation did not see start (a restart, a second window): fetch it.
    startListening({
      matcher: isAnyOf(loadQueue.fulfilled, loadPresence.fulfilled, setPresence.fulfilled),
      effect: (_action, api) => {
        const state = api.getState() as CallsRoot;
        const currentCallId = state.presence.presence?.currentCallId ?? null;
        if (currentCallId !== null && state.activeCall.call?.id !== currentCallId) {
          api.cancelActiveListeners();
          void api.dispatch(loadCurrentCall(currentCallId) as never);
        }
      },
    }),

    // The call found again (a reload, a restart): its case is in the nurse's store, under the call's id.
    startListening({
      actionCreator: loadCurrentCall.fulfilled,
      effect: (action, api) => {
        const { call, caseId } = (api.getState() as CallsRoot).activeCall;
        if (call?.id === action.payload.id && caseId === null)
          void api.dispatch(findCaseForCall(call.id) as never);
      },
    }),

    // Signing the call's note is the end of after-call work: back to available (or the chosen next status).
    startListening({
      actionCreator: signDraft.fulfilled,
      effect: (action, api) => {
        const state = api.getState() as CallsRoot;
        const inAfterCallWork = state.presence.presence?.state === 'after-call-work';
        if (inAfterCallWork && state.activeCall.caseId === action.payload.caseId) {
          void api.dispatch(endAfterCallWork() as never);
        }
      },
    }),
  ];
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
