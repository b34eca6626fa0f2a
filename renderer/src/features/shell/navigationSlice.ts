// Navigation slice: which workstation section is shown; the shell renders it, no router needed.
import { createSlice } from '@reduxjs/toolkit';

import { WORKSPACE_SECTIONS, type WorkspaceSection } from '../../../../core/api/workspace';

export const SECTIONS = WORKSPACE_SECTIONS;
export type Section = WorkspaceSection;

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
