// Side effects of the protocol library: it loads at sign-in, with its search index, so the first call's triage panel has it ready.
import { isAnyOf, type ListenerMiddlewareInstance } from '@reduxjs/toolkit';
import type { SessionSliceState } from '../session/sessionSlice';
import { loadSession, sessionChanged, signIn } from '../session/sessionSlice';
import { loadProtocolLibrary, selectProtocolList, type ProtocolsSliceState } from './protocolsSlice';
import { protocolSearchFor } from './useProtocolLibrary';

type StartListening = ListenerMiddlewareInstance['startListening'];
type ProtocolsRoot = { session: SessionSliceState; protocols: ProtocolsSliceState };

export function setupProtocolListeners(startListening: StartListening): () => void {
  const unsubscribers = [
    // Reading and sending 100-odd protocols takes a second or more: done before the first call, not during it.
    startListening({
      matcher: isAnyOf(signIn.fulfilled, loadSession.fulfilled, sessionChanged),
      effect: (_action, api) => {
        if ((api.getState() as ProtocolsRoot).session.session?.status !== 'signed-in') return;
        void api.dispatch(loadProtocolLibrary() as never);
      },
    }),

    // The search index is built once per library; building it now keeps it off the first keystroke.
    startListening({
      actionCreator: loadProtocolLibrary.fulfilled,
      effect: (_action, api) => {
        protocolSearchFor(selectProtocolList(api.getState() as ProtocolsRoot));
      },
    }),
  ];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
