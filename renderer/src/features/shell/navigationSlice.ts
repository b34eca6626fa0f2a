// Navigation slice: which workstation section is shown; the shell renders it, no router needed.
import { createSlice } from '@reduxjs/toolkit';

export const SECTIONS = ['calls', 'cases', 'protocols', 'teamLead'] as const;
export type Section = (typeof SECTIONS)[number];

const navigationSlice = createSlice({
  name: 'navigation',
  initialState: { section: 'calls' as Section },
  reducers: {
    sectionSelected(state, action: { payload: Section }) {
      state.section = action.payload;
    },
  },
});

export const { sectionSelected } = navigationSlice.actions;
export const navigationReducer = navigationSlice.reducer;
export const selectSection = (state: { navigation: { section: Section } }) => state.navigation.section;
