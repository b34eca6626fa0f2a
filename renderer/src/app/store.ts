// The Redux store: feature slices plus the listener middleware that carries side effects.
import { combineReducers, configureStore, createListenerMiddleware } from '@reduxjs/toolkit';
import { sessionReducer } from '../features/session/sessionSlice';
import { connectionReducer } from '../features/connection/connectionSlice';
import { preferencesReducer } from '../features/preferences/preferencesSlice';
import { navigationReducer } from '../features/shell/navigationSlice';

export const rootReducer = combineReducers({
  session: sessionReducer,
  connection: connectionReducer,
  preferences: preferencesReducer,
  navigation: navigationReducer,
});

export type RootState = ReturnType<typeof rootReducer>;

export function createAppStore(preloadedState?: Partial<RootState>) {
  const listeners = createListenerMiddleware();
  const store = configureStore({
    reducer: rootReducer,
    preloadedState,
    middleware: (getDefault) => getDefault().prepend(listeners.middleware),
  });
  return { store, startListening: listeners.startListening };
}

export type AppStore = ReturnType<typeof createAppStore>['store'];
export type AppDispatch = AppStore['dispatch'];
