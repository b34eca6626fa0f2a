// Preferences slice: language, light/dark mode and ring volume, stored by main so they survive restarts.
import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import type { Preferences } from '../../../../core/api/bridge';
import { callBridge } from '../../platform/bridge';

export const loadPreferences = createAsyncThunk('preferences/load', () => callBridge('preferences.get', {}));
export const updatePreferences = createAsyncThunk('preferences/update', (change: Partial<Preferences>) =>
  callBridge('preferences.set', change),
);

const initialState: Preferences = { language: 'sv', themeMode: 'system', ringVolume: 70 };

const preferencesSlice = createSlice({
  name: 'preferences',
  initialState,
  reducers: {
    preferencesChanged: (_state, action: { payload: Preferences }) => action.payload,
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadPreferences.fulfilled, (_state, action) => action.payload)
      .addCase(updatePreferences.pending, (state, action) => ({ ...state, ...action.meta.arg }))
      .addCase(updatePreferences.fulfilled, (_state, action) => action.payload);
  },
});

export const { preferencesChanged } = preferencesSlice.actions;
export const preferencesReducer = preferencesSlice.reducer;
export const selectPreferences = (state: { preferences: Preferences }) => state.preferences;
