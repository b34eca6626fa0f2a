// Forwards events pushed by main (session, connection, preferences) into the store, and loads the first state.
import type { FirstlineApi } from '../../../core/api/bridge';
import { sessionChanged, loadSession } from '../features/session/sessionSlice';
import { connectionChanged, loadConnection } from '../features/connection/connectionSlice';
import { preferencesChanged, loadPreferences } from '../features/preferences/preferencesSlice';
import type { AppDispatch } from './store';

export function connectBridgeEvents(api: FirstlineApi, dispatch: AppDispatch): () => void {
  const unsubscribers = [
    api.on('session.changed', (payload) => dispatch(sessionChanged(payload))),
    api.on('connection.changed', (payload) => dispatch(connectionChanged(payload))),
    api.on('preferences.changed', (payload) => dispatch(preferencesChanged(payload))),
  ];
  void dispatch(loadPreferences());
  void dispatch(loadSession());
  void dispatch(loadConnection());
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
