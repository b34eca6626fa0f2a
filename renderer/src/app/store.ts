// The Redux store: feature slices plus the listener middleware that carries side effects.
import { combineReducers, configureStore, createListenerMiddleware } from '@reduxjs/toolkit';
import { sessionReducer } from '../features/session/sessionSlice';
import { connectionReducer } from '../features/connection/connectionSlice';
import { syncReducer } from '../features/sync/syncSlice';
import { preferencesReducer } from '../features/preferences/preferencesSlice';
import { navigationReducer } from '../features/shell/navigationSlice';
import { protocolsReducer } from '../features/protocols/protocolsSlice';
import { setupProtocolListeners } from '../features/protocols/protocolListeners';
import { triageReducer } from '../features/triage/triageSlice';
import { setupTriageListeners, type TriageStartListening } from '../features/triage/triageListeners';
import { casesListReducer } from '../features/cases/casesListSlice';
import { caseViewReducer } from '../features/cases/caseViewSlice';
import { identificationReducer } from '../features/identification/identificationSlice';
import { notesReducer } from '../features/notes/notesSlice';
import { setupNoteListeners } from '../features/notes/noteListeners';
import { referralReducer } from '../features/referral/referralSlice';
import { referralCatalogReducer } from '../features/referral/catalogSlice';
import { presenceReducer } from '../features/presence/presenceSlice';
import { queueReducer } from '../features/calls/queueSlice';
import { activeCallReducer } from '../features/calls/activeCallSlice';
import { redFlagAlertsReducer } from '../features/calls/redFlagAlertsSlice';
import { setupCallListeners } from '../features/calls/callListeners';
import { callbacksReducer } from '../features/callbacks/callbacksSlice';
import { capacityReducer } from '../features/capacity/capacitySlice';
import { queueOverviewReducer } from '../features/queueOverview/queueOverviewSlice';
import { workspaceReducer } from '../features/workspace/workspaceSlice';
import { setupWorkspaceListeners } from '../features/workspace/workspaceListeners';
import { setupCaseReleaseListeners } from '../features/cases/caseReleaseListeners';

export const rootReducer = combineReducers({
  session: sessionReducer,
  connection: connectionReducer,
  sync: syncReducer,
  preferences: preferencesReducer,
  navigation: navigationReducer,
  protocols: protocolsReducer,
  triage: triageReducer,
  casesList: casesListReducer,
  caseView: caseViewReducer,
  identification: identificationReducer,
  notes: notesReducer,
  referral: referralReducer,
  referralCatalog: referralCatalogReducer,
  presence: presenceReducer,
  queue: queueReducer,
  activeCall: activeCallReducer,
  redFlagAlerts: redFlagAlertsReducer,
  callbacks: callbacksReducer,
  capacity: capacityReducer,
  queueOverview: queueOverviewReducer,
  workspace: workspaceReducer,
});

export type RootState = ReturnType<typeof rootReducer>;

export function createAppStore(preloadedState?: Partial<RootState>) {
  const listeners = createListenerMiddleware();
  const store = configureStore({
    reducer: rootReducer,
    preloadedState,
    middleware: (getDefault) => getDefault().prepend(listeners.middleware),
  });
  setupProtocolListeners(listeners.startListening);
  setupTriageListeners(listeners.startListening as TriageStartListening);
  setupNoteListeners(listeners.startListening);
  setupCallListeners(listeners.startListening);
  setupWorkspaceListeners(listeners.startListening);
  setupCaseReleaseListeners(listeners.startListening);
  return { store };
}

export type AppStore = ReturnType<typeof createAppStore>['store'];
export type AppDispatch = AppStore['dispatch'];
