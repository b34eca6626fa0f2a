// Bridge contract for the nurse's workspace: which section and case she had open, kept by main so a reload or restart comes back to it.
//
// The call and its case are not part of it: main finds them from the call distribution (the call she is
// on) and the local store (the case carrying that call's id), which is where they truly live.
import { z } from 'zod';
import { EntityIdSchema, TimestampSchema } from '../case/fields';
import { NoArgs, type BridgeMethodTable } from './common';

/** The workstation's sections, in the order the shell shows them. */
export const WORKSPACE_SECTIONS = ['calls', 'cases', 'protocols', 'teamLead'] as const;
export type WorkspaceSection = (typeof WORKSPACE_SECTIONS)[number];

/** Where in the open case the nurse was writing, so focus goes back there. */
export const WORKSPACE_FOCUS_AREAS = ['triage', 'note'] as const;
export type WorkspaceFocusArea = (typeof WORKSPACE_FOCUS_AREAS)[number];

export const WorkspaceSchema = z.strictObject({
  section: z.enum(WORKSPACE_SECTIONS, { error: `section är en av ${WORKSPACE_SECTIONS.join(', ')}.` }),
  openCaseId: EntityIdSchema.nullable(),
  focus: z
    .enum(WORKSPACE_FOCUS_AREAS, { error: `focus är en av ${WORKSPACE_FOCUS_AREAS.join(', ')} eller null.` })
    .nullable(),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;

export const SavedWorkspaceSchema = WorkspaceSchema.extend({ savedAt: TimestampSchema });
export type SavedWorkspace = z.infer<typeof SavedWorkspaceSchema>;

export const workspaceMethods = {
  /** The workspace last saved on this workstation by the signed-in nurse; null when none (or its case is gone). */
  'workspace.get': { args: NoArgs, result: SavedWorkspaceSchema.nullable() },
  'workspace.save': { args: WorkspaceSchema, result: SavedWorkspaceSchema },
} as const satisfies BridgeMethodTable;
