// Cases: opened, changed and listed; every change is queued, unchanged saves are not; bad input is refused whole.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyTriageRecord } from '../../../core/triage/record';
import { openWorkstationStore, type WorkstationStore } from '../../../main/services/store';
import { generatedPatient, memoryStore, newCaseInput, nurse, otherNurse } from './fixtures';

let store: WorkstationStore;
beforeEach(() => (store = memoryStore()));
afterEach(() => store.close());

const referral = {
  unitHsaId: 'SE2321000016-VC01',
  unitName: 'Vårdcentralen Centrum (demo)',
  careType: 'vardcentral' as const,
  reasonSv: 'Öppet i dag, nära patienten',
  chosenAt: '2025-03-03T08:20:00.000Z',
};

describe('cases', () => {
  it('open with the caller, the creator and status open, and are queued for the backend', () => {
    const created = store.createCase(
      newCaseInput({
        caller: { name: 'Sara Lind', relation: 'foralder', phone: '070-123 45 67' },
        callId: 'call-42',
      }),
    );
    expect(created).toMatchObject({
      status: 'open',
      triage: null,
      referral: null,
      createdBy: nurse,
      callId: 'call-42',
    });
    expect(created.updatedAt).toBe(created.createdAt);
    expect(store.getCase(created.id)).toEqual(created);
    expect(store.outbox.nextBatch()).toHaveLength(1);
  });

  it('take triage, referral, a later identification and closing, each change queued once', () => {
    const created = store.createCase(
      newCaseInput({ patient: { kind: 'unidentified', unidentifiedDescription: 'man ca 70 år' } }),
    );
    const triage = { ...emptyTriageRecord(), protocols: [{ id: 'feber-vuxen', version: '1.0.0' }] };
    const patient = generatedPatient('1955-11-02', 'male');
    store.updateCase(created.id, { triage, patient });
    store.updateCase(created.id, { referral });
    const closed = store.closeCase(created.id);
    expect(closed).toMatchObject({ status: 'closed', triage, referral, patient });
    expect(store.outbox.nextBatch().map((item) => (item.payload as { status?: string }).status)).toEqual([
      'open',
      'open',
      'open',
      'closed',
    ]);
  });

  it('do not queue a change that changes nothing', () => {
    const created = store.createCase(newCaseInput());
    expect(store.updateCase(created.id, { status: 'open', caller: 'self' })).toEqual(created);
    expect(store.outbox.status().waiting).toBe(1);
  });

  it('move updatedAt forward even when the clock goes backwards', () => {
    let clock = Date.parse('2025-03-03T10:00:00.000Z');
    const s = openWorkstationStore({ file: ':memory:', now: () => new Date(clock) });
    const created = s.createCase(newCaseInput());
    clock -= 60_000; // the workstation clock is corrected backwards
    const changed = s.closeCase(created.id);
    expect(Date.parse(changed.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
    s.close();
  });

  it('list newest first, filtered by creator, time, patient, region and status', () => {
    const patient = generatedPatient('2019-04-09', 'female');
    const first = store.createCase(newCaseInput({ patient }));
    const second = store.createCase(newCaseInput({ createdBy: otherNurse }));
    const third = store.createCase(newCaseInput({ patient, regionId: 'uppsala' }));
    store.closeCase(second.id);
    const ids = (list: { id: string }[]) => list.map((c) => c.id);
    expect(ids(store.listCases())).toEqual([third.id, second.id, first.id]);
    expect(ids(store.listCases({ createdBy: nurse.hsaId }))).toEqual([third.id, first.id]);
    expect(ids(store.listCases({ since: second.createdAt }))).toEqual([third.id, second.id]);
    expect(ids(store.listCases({ personnummer: patient.normalized }))).toEqual([third.id, first.id]);
    expect(ids(store.listCases({ personnummer: patient.normalized, regionId: 'skane' }))).toEqual([first.id]);
    expect(ids(store.listCases({ status: 'closed' }))).toEqual([second.id]);
    expect(ids(store.listCases({ limit: 1 }))).toEqual([third.id]);
  });

  it('refuse bad input with messages naming each problem, and write nothing', () => {
    const attempts: [unknown, RegExp][] = [
      [
        { ...newCaseInput(), patient: { kind: 'personnummer' } },
        /patient\.normalized: Ett personnummer måste ha ett nummer/,
      ],
      [
        { ...newCaseInput(), caller: { relation: 'foralder' } },
        /caller: Uppringaren är "self" eller en tredje part/,
      ],
      [{ ...newCaseInput(), createdBy: { ...nurse, hsaId: '12345' } }, /createdBy\.hsaId: Ogiltigt HSA-id/],
      [{ ...newCaseInput(), createdAt: 'igår' }, /createdAt: Ogiltig tidpunkt/],
      [{ ...newCaseInput(), id: 'case-1' }, /id: Ogiltigt id/],
      [{ ...newCaseInput(), bradskegrad: 2 }, /Unrecognized key: "bradskegrad"/],
      [{ ...newCaseInput(), referral: { ...referral, careType: 'egenvard' } }, /referral\.careType/],
    ];
    for (const [input, message] of attempts) {
      expect(() => store.createCase(input as never)).toThrow(message);
    }
    expect(store.listCases()).toEqual([]);
    expect(store.outbox.status().waiting).toBe(0);
  });

  it('store HSA-ids in upper case however they were typed, and find them either way', () => {
    const created = store.createCase(newCaseInput({ createdBy: { ...nurse, hsaId: ' se2321000016-n001 ' } }));
    expect(created.createdBy.hsaId).toBe(nurse.hsaId);
    expect(store.listCases({ createdBy: 'se2321000016-n001' }).map((c) => c.id)).toEqual([created.id]);
  });

  it('refuse a duplicate id and changes to unknown cases', () => {
    const created = store.createCase(newCaseInput());
    expect(() => store.createCase(newCaseInput({ id: created.id }))).toThrow(
      `A case with id ${created.id} already exists`,
    );
    expect(() => store.updateCase('3d1f5a1e-8b7c-4d2e-9f0a-1b2c3d4e5f60', { status: 'closed' })).toThrow(
      'No case with id',
    );
    expect(() => store.updateCase(created.id, { status: 'archived' as never })).toThrow('status');
  });
});
