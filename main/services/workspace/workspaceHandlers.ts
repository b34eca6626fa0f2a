// Bridge handlers for the nurse's workspace: save what she has open, and give it back after a reload or restart.
import { BridgeFailure, type BridgeHandlers } from '../bridge/dispatcher';
import type { NurseStore } from '../cases';
import { withStoreErrors } from '../cases/bridgeErrors';
import {
  SavedWorkspaceSchema,
  type SavedWorkspace,
  type workspaceMethods,
} from '../../../core/api/workspace';

export type WorkspaceHandlers = Pick<BridgeHandlers, keyof typeof workspaceMethods>;

/** A nurse who signs out has finished: her next sign-in starts at the calls section, not in yesterday's case. */
export function clearWorkspaceOnSignOut(stores: NurseStore): void {
  stores.current?.store.saveWorkspace({ section: 'calls', openCaseId: null, focus: null });
}

export function createWorkspaceHandlers(deps: { stores: NurseStore }): WorkspaceHandlers {
  return {
    'workspace.get': async () => {
      const { store, staff } = await deps.stores.require();
      const saved = withStoreErrors(() => store.readWorkspace());
      if (!saved) return null;
      // Written by another build, or by hand: an unreadable workspace is no workspace, never an error.
      const parsed = SavedWorkspaceSchema.safeParse({
        ...(saved.document as object),
        savedAt: saved.savedAt,
      });
      if (!parsed.success) return null;
      const workspace: SavedWorkspace = parsed.data;
      const openCase = workspace.openCaseId === null ? null : store.getCase(workspace.openCaseId);
      // A case that is gone, or not of her region, is not reopened.
      if (workspace.openCaseId !== null && openCase?.regionId !== staff.region.id) {
        return { ...workspace, openCaseId: null, focus: null };
      }
      return workspace;
    },

    'workspace.save': async (workspace) => {
      const { store, staff } = await deps.stores.require();
      if (workspace.openCaseId !== null) {
        const openCase = withStoreErrors(() => store.getCase(workspace.openCaseId as string));
        // Another region's case id is answered exactly as an unknown one.
        if (openCase?.regionId !== staff.region.id) {
          throw new BridgeFailure(
            'not_found',
            `No case with id ${workspace.openCaseId} on this workstation.`,
          );
        }
      }
      const savedAt = withStoreErrors(() => store.saveWorkspace(workspace));
      return { ...workspace, savedAt };
    },
  };
}
