// The access log: opening a case is logged with who, which patient, when, where and what; entries are append-only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkstationStore } from '../../../main/services/store';
import { careUnitHsaId, generatedPatient, memoryStore, newCaseInput, nurse, otherNurse } from './fixtures';

let store: WorkstationStore;
beforeEach(() => (store = memoryStore()));
afterEach(() => store.close());

describe('access log', () => {
  it('records every open of a case with the patient as identified at that moment', () => {
    const created = store.createCase(
      newCaseInput({ patient: { kind: 'unidentified', unidentifiedDescription: 'kvinna ca 30 år' } }),
    );
    store.openCase(created.id, { actor: nurse, careUnitHsaId });
    const patient = generatedPatient('1990-01-31', 'male');
    store.updateCase(created.id, { patient });
    const view = store.openCase(created.id, { actor: otherNurse, careUnitHsaId });
    expect(view.case.patient).toEqual(patient);

    const entries = store.listAccessLog({ caseId: created.id });
    expect(
      entries.map((e) => [e.actor.hsaId, e.patientKind, e.patientNumber, e.action, e.careUnitHsaId]),
    ).toEqual([
      [nurse.hsaId, 'unidentified', null, 'open-case', careUnitHsaId],
      [otherNurse.hsaId, 'personnummer', patient.normalized, 'open-case', careUnitHsaId],
    ]);
    expect(store.listAccessLog({ personnummer: patient.normalized })).toEqual([entries[1]]);
    // Each entry also goes to the backend, which keeps the log for the region.
    expect(store.outbox.nextBatch().filter((item) => item.entity === 'access-log')).toHaveLength(2);
  });

  it("names the call of a call's case, so the log leads from a call to who saw its case, and not for other cases", () => {
    const fromCall = store.createCase(newCaseInput({ callId: 'call-4711' }));
    const walkIn = store.createCase(newCaseInput());
    store.openCase(fromCall.id, { actor: nurse, careUnitHsaId });
    store.openCase(walkIn.id, { actor: nurse, careUnitHsaId });
    const [logged] = store.listAccessLog({ caseId: fromCall.id });
    expect(logged?.callId).toBe('call-4711');
    expect(store.listAccessLog({ caseId: walkIn.id })[0]).not.toHaveProperty('callId');
    const sent = store.outbox.nextBatch().filter((item) => item.entity === 'access-log');
    expect(sent.map((item) => (item.payload as { callId?: string }).callId)).toEqual([
      'call-4711',
      undefined,
    ]);
  });

  it('can be appended to by other actions too', () => {
    const created = store.createCase(newCaseInput());
    const entry = store.logAccess({
      actor: nurse,
      careUnitHsaId,
      caseId: created.id,
      action: 'print-receipt',
    });
    expect(store.listAccessLog({ caseId: created.id })).toEqual([entry]);
  });

  it('is append-only, even with raw SQL', () => {
    const created = store.createCase(newCaseInput());
    store.openCase(created.id, { actor: nurse, careUnitHsaId });
    expect(() => store.db.prepare(`UPDATE access_log SET actor_hsa_id = 'SE2321000016-X'`).run()).toThrow(
      'The access log is append-only: entries cannot be changed.',
    );
    expect(() => store.db.prepare('DELETE FROM access_log').run()).toThrow(
      'The access log is append-only: entries cannot be deleted.',
    );
    expect(() =>
      store.db.prepare('INSERT OR REPLACE INTO access_log SELECT * FROM access_log').run(),
    ).toThrow('entries cannot be replaced');
    expect(store.listAccessLog({ caseId: created.id })).toHaveLength(1);
  });

  it('refuses to open a case without knowing who is looking, and logs nothing', () => {
    const created = store.createCase(newCaseInput());
    expect(() => store.openCase(created.id, { actor: nurse, careUnitHsaId: '' })).toThrow('careUnitHsaId');
    expect(() => store.openCase(created.id, { careUnitHsaId } as never)).toThrow('actor');
    expect(() =>
      store.logAccess({ actor: nurse, careUnitHsaId, caseId: created.id, action: 'peek' as never }),
    ).toThrow('Okänd åtgärd');
    expect(() => store.listAccessLog({})).toThrow('Ange caseId eller personnummer');
    expect(store.listAccessLog({ caseId: created.id })).toEqual([]);
  });
});
