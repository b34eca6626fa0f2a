// The action that lets a finished case go from the renderer's memory; opening the case again loads it from main.
import { createAction } from '@reduxjs/toolkit';

/** The case is signed or closed and off screen: its triage, note and referral state are dropped here. */
export const caseReleased = createAction<{ caseId: string }>('cases/released');
