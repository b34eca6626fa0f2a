// Saving triage from the workstation store: one save at a time per case, the newest state wins, failures are shown and retried, the note is pre-filled.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BridgeResult, FirstlineApi } from '../../../core/api/bridge';
import type { ProtocolLibrary } from '../../../core/api/protocols';
import type { TriageAnswerValue, TriageRecord } from '../../../core/triage/record';
import { loadProtocols } from '../../../main/services/protocols/loadProtocols';
import { createAppStore } from '../../../renderer/src/app/store';
import { loadProtocolLibrary } from '../../../renderer/src/features/protocols/protocolsSlice';
import {
  answerGiven,
  contextAnswered,
  overrideSet,
  protocolAdded,
  saveRetried,
  triageOpened,
} from '../../../renderer/src/features/triage/triageSlice';

/** The main side as the renderer sees it: protocols.list and cases.saveTriage, with saves that take a while or fail on demand. */
const bridge = {
  library: null as ProtocolLibrary | null,
  saves: [] as { caseId: string; triage: TriageRecord }[],
  inFlight: 0,
  mostInFlight: 0,
  failNext: false,
};

const fakeApi: FirstlineApi = {
  async invoke(method, args) {
    if (method === 'protocols.list') return { ok: true, value: bridge.library } as never;
    if (method === 'cases.saveTriage') {
      bridge.inFlight += 1;
      bridge.mostInFlight = Math.max(bridge.mostInFlight, bridge.inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      bridge.inFlight -= 1;
      if (bridge.failNext) {
        bridge.failNext = false;
        return {
          ok: false,
          error: { code: 'store_unavailable', message: 'The local store is closed.' },
        } as BridgeResult<never>;
      }
      const { caseId, triage } = args as { caseId: string; triage: TriageRecord };
      bridge.saves.push({ caseId, triage });
      return { ok: true, value: { id: caseId, triage } } as never;
    }
    return { ok: false, error: { code: 'unknown_method', message: String(method) } } as never;
  },
  on: () => () => undefined,
};

beforeAll(async () => {
  const loaded = await loadProtocols();
  bridge.library = { protocols: loaded.protocols, problems: [], loadedAt: new Date().toISOString() };
  vi.stubGlobal('window', { firstline: fakeApi });
});
afterAll(() => {
  vi.unstubAllGlobals();
});

let caseNumber = 0;
async function openTriage() {
  const { store } = createAppStore();
  await store.dispatch(loadProtocolLibrary());
  caseNumber += 1;
  const caseId = `00000000-0000-4000-8000-${String(caseNumber).padStart(12, '0')}`;
  store.dispatch(triageOpened({ caseId, stored: null, birthDate: '1984-09-03' }));
  const version = (id: string) => bridge.library!.protocols.find((p) => p.id === id)!.version;
  let at = Date.parse('2026-03-02T21:00:00Z');
  const answer = (protocolId: string, questionId: string, value: TriageAnswerValue) => {
    at += 1000;
    store.dispatch(
      answerGiven({
        caseId,
        answer: {
          protocolId,
          protocolVersion: version(protocolId),
          questionId,
          value,
          answeredAt: new Date(at).toISOString(),
        },
      }),
    );
  };
  const add = (id: string) =>
    store.dispatch(protocolAdded({ caseId, protocol: { id, version: version(id) } }));
  const triage = () => store.getState().triage.byCase[caseId]!;
  const savesOf = () => bridge.saves.filter((s) => s.caseId === caseId);
  return { store, caseId, answer, add, triage, savesOf };
}

describe('saving triage to the case', () => {
  it('saves a burst of key presses one at a time, ending with every answer', async () => {
    const t = await openTriage();
    bridge.mostInFlight = 0;
    t.add('buksmarta-vuxen');
    for (const q of ['chock', 'kraks-blod', 'svart-avforing', 'hard-som-bradda', 'kan-vara-gravid']) {
      t.answer('buksmarta-vuxen', q, 'no');
    }
    await vi.waitFor(() => expect(t.triage().saveStatus).toBe('saved'));
    expect(bridge.mostInFlight).toBe(1);
    const saves = t.savesOf();
    // Changes made while a save runs are saved together by the next one.
    expect(saves.length).toBeLessThan(6);
    expect(saves.at(-1)?.triage.answers.map((a) => a.questionId)).toEqual([
      'chock',
      'kraks-blod',
      'svart-avforing',
      'hard-som-bradda',
      'kan-vara-gravid',
    ]);
    expect(t.triage().savedRevision).toBe(t.triage().revision);
  });

  it('pre-fills the note, and saves a context answer in the record as well as in the note', async () => {
    const t = await openTriage();
    t.add('buksmarta-vuxen');
    t.answer('buksmarta-vuxen', 'hoger-nedre', 'yes');
    await vi.waitFor(() => expect(t.triage().saveStatus).toBe('saved'));
    const prefill = () => t.store.getState().notes.pendingPrefills[t.caseId];
    expect(prefill()?.bradskegrad).toBe(3);
    expect(prefill()?.rad).toMatch(/^Sök vård på närakut/);
    expect(t.savesOf().at(-1)?.triage.contextAnswers).toBeUndefined();

    const onset = {
      protocolId: 'buksmarta-vuxen',
      questionId: 'debut',
      value: 'I morse',
      answeredAt: '2026-03-02T21:05:00.000Z',
    };
    t.store.dispatch(contextAnswered({ caseId: t.caseId, answer: onset }));
    await vi.waitFor(() => expect(prefill()?.bedomning).toContain('Bakgrund: När började smärtan? I morse.'));
    await vi.waitFor(() => expect(t.savesOf().at(-1)?.triage.contextAnswers).toEqual([onset]));
    const saves = t.savesOf().length;
    // The same answer again changes nothing, so nothing more is saved.
    t.store.dispatch(
      contextAnswered({ caseId: t.caseId, answer: { ...onset, answeredAt: '2026-03-02T21:06:00.000Z' } }),
    );
    await vi.waitFor(() => expect(t.triage().saveStatus).toBe('saved'));
    expect(t.savesOf()).toHaveLength(saves);
  });

  it('shows a failed save and saves again when the nurse retries', async () => {
    const t = await openTriage();
    bridge.failNext = true;
    t.add('hosta');
    await vi.waitFor(() => expect(t.triage().saveStatus).toBe('error'));
    expect(t.triage().saveError?.code).toBe('store_unavailable');
    expect(t.savesOf()).toHaveLength(0);

    t.store.dispatch(saveRetried({ caseId: t.caseId }));
    await vi.waitFor(() => expect(t.triage().saveStatus).toBe('saved'));
    expect(
      t
        .savesOf()
        .at(-1)
        ?.triage.protocols.map((p) => p.id),
    ).toEqual(['hosta']);
  });

  it('withdraws an override the answers have overtaken before it is ever saved as valid', async () => {
    const t = await openTriage();
    t.add('buksmarta-vuxen');
    t.answer('buksmarta-vuxen', 'hoger-nedre', 'yes');
    t.store.dispatch(
      overrideSet({
        caseId: t.caseId,
        override: {
          fromLevel: 3,
          toLevel: 4,
          reasonCode: 'patient-preference',
          reasonText: 'Vill vänta till i morgon.',
          overriddenAt: '2026-03-02T21:10:00.000Z',
        },
      }),
    );
    t.answer('buksmarta-vuxen', 'kraks-blod', 'yes');
    await vi.waitFor(() => expect(t.triage().saveStatus).toBe('saved'));
    await vi.waitFor(() => expect(t.triage().withdrawnOverride?.toLevel).toBe(4));
    const last = t.savesOf().at(-1)!.triage;
    expect(last.override).toBeNull();
    expect(last.disposition?.level).toBe(1);
    expect(t.store.getState().notes.pendingPrefills[t.caseId]?.bradskegrad).toBe(1);
  });
});
