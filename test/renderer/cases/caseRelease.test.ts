// Memory over a shift: a finished case (signed, triage saved) leaves the renderer's store once off screen; work in progress stays.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FirstlineApi } from '../../../core/api/bridge';
import type { CaseViewData } from '../../../core/api/cases';
import { createAppStore } from '../../../renderer/src/app/store';
import { openCase } from '../../../renderer/src/features/cases/caseThunks';
import { caseViewClosed } from '../../../renderer/src/features/cases/caseViewSlice';
import { signDraft } from '../../../renderer/src/features/notes/noteThunks';
import { protocolAdded, triageOpened } from '../../../renderer/src/features/triage/triageSlice';

const views = new Map<string, CaseViewData>();

const fakeApi: FirstlineApi = {
  async invoke(method, args) {
    if (method === 'cases.open') {
      const view = views.get((args as { caseId: string }).caseId);
      return view
        ? ({ ok: true, value: view } as never)
        : ({ ok: false, error: { code: 'not_found', message: 'x' } } as never);
    }
    return { ok: false, error: { code: 'unknown_method', message: String(method) } } as never;
  },
  on: () => () => undefined,
};

beforeAll(() => vi.stubGlobal('window', { firstline: fakeApi }));
afterAll(() => vi.unstubAllGlobals());

function view(caseId: string): CaseViewData {
  return {
    case: {
      id: caseId,
      regionId: 'skane',
      patient: { kind: 'unidentified', unidentifiedDescription: 'kvinna ca 30 år' },
      caller: 'self',
      createdBy: { hsaId: 'SE2321000016-SKAN1', name: 'Ida Mårtensson', title: 'Sjuksköterska' },
      createdAt: '2026-12-08T07:00:00.000Z',
      updatedAt: '2026-12-08T07:00:00.000Z',
      status: 'open',
      triage: null,
      referral: null,
    },
    notes: [],
    attachments: [],
  } as unknown as CaseViewData;
}

/** The case as the nurse leaves it: opened, triage started (saved), note drafted. */
async function worked(store: ReturnType<typeof createAppStore>['store'], caseId: string) {
  views.set(caseId, view(caseId));
  await store.dispatch(openCase(caseId));
  store.dispatch(triageOpened({ caseId, stored: null, birthDate: null, sex: null }));
  return store;
}

describe('releasing finished cases', () => {
  it('drops a signed case off screen and keeps the open one and any unsigned draft', async () => {
    const { store } = createAppStore();
    await worked(store, 'case-signed');
    await worked(store, 'case-draft');
    // The first case is signed (its draft is gone); the second still has an unsigned draft.
    store.dispatch({
      type: signDraft.fulfilled.type,
      payload: { caseId: 'case-signed' },
      meta: { arg: 'case-signed' },
    });
    let state = store.getState();
    expect(Object.keys(state.triage.byCase)).not.toContain('case-signed');
    expect(state.notes.drafts['case-signed']).toBeUndefined();
    expect(state.triage.byCase['case-draft']).toBeDefined();
    expect(state.notes.drafts['case-draft']).toBeDefined();

    // Back to the list: the open case had a draft, so it stays too.
    store.dispatch(caseViewClosed());
    state = store.getState();
    expect(state.triage.byCase['case-draft']).toBeDefined();
    expect(state.notes.drafts['case-draft']).toBeDefined();
  });

  it('keeps a case whose triage has a change not yet saved, and releases it once nothing holds it', async () => {
    const { store } = createAppStore();
    await worked(store, 'case-a');
    store.dispatch(
      protocolAdded({ caseId: 'case-a', protocol: { id: 'buksmarta-vuxen', version: '1.0.0' } }),
    );
    store.dispatch({
      type: signDraft.fulfilled.type,
      payload: { caseId: 'case-a' },
      meta: { arg: 'case-a' },
    });
    await worked(store, 'case-b');
    // The triage change of case-a was never saved (no library loaded here): it must not be dropped.
    expect(store.getState().triage.byCase['case-a']).toBeDefined();
    expect(store.getState().triage.byCase['case-a']?.protocols).toHaveLength(1);
  });

  it('holds nothing more after many finished cases than after one', async () => {
    const { store } = createAppStore();
    for (let i = 0; i < 50; i += 1) {
      const caseId = `case-${i}`;
      await worked(store, caseId);
      store.dispatch({ type: signDraft.fulfilled.type, payload: { caseId }, meta: { arg: caseId } });
    }
    store.dispatch(caseViewClosed());
    const state = store.getState();
    expect(Object.keys(state.triage.byCase)).toEqual([]);
    expect(Object.keys(state.notes.drafts)).toEqual([]);
    expect(Object.keys(state.referral.byCase)).toEqual([]);
  });
});
