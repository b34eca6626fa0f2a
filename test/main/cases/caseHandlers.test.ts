// Case and note handlers: validation with precise messages, session-filled responsibility, sign once, amend, lists and repeat callers.
import { describe, expect, it } from 'vitest';
import type { CaseListItem, CaseViewData, RepeatContact } from '../../../core/api/cases';
import type { Case, Note } from '../../../core/case';
import { withWrongCheckDigit } from '../../../core/identity/testNumbers';
import type { PhoneMenuAnswerInput } from '../../../core/queue/phoneMenu';
import type { TriageRecord } from '../../../core/triage/record';
import {
  caseStack,
  completeNote,
  manualClock,
  nurseIda,
  nurseNils,
  patientNumber,
  signedIn,
} from './support';

async function signedInStack(clock = manualClock()) {
  const stack = caseStack({ clock });
  await stack.stores.sessionChanged(signedIn(nurseIda));
  return stack;
}

async function newCase(
  stack: Awaited<ReturnType<typeof signedInStack>>,
  number: string,
  kontaktorsak?: string,
) {
  return stack.call<Case>('cases.create', {
    patient: { kind: 'identified', number },
    caller: 'self',
    ...(kontaktorsak === undefined ? {} : { kontaktorsak }),
  });
}

/** A bröstsmärta triage decided at level 5 (vårdcentral) with nothing answered; `changes` adds what a test needs (provisional, a reason, an override, the phone menu). */
function chestPainTriage(changes: Partial<TriageRecord> = {}): TriageRecord {
  return {
    protocols: [{ id: 'brostsmarta', version: '1.0.0' }],
    answers: [],
    disposition: {
      level: 5,
      careLevel: 'vardcentral',
      decidedBy: { protocolId: 'brostsmarta', questionId: null },
    },
    override: null,
    ...changes,
  };
}

/** The nurse's reason for signing a provisional triage: the call was cut off. */
const CALL_DROPPED = { code: 'call-dropped', givenAt: '2026-03-02T21:05:00Z' } as const;

describe('cases.create', () => {
  it('parses the number again in main and stores the identity derived from it', async () => {
    const stack = await signedInStack();
    const patient = patientNumber('1990-04-17', 'male');
    const created = await newCase(stack, `${patient.tenDigits.slice(0, 6)}-${patient.tenDigits.slice(6)}`);
    expect(created.patient).toEqual({
      kind: 'personnummer',
      normalized: patient.normalized,
      display: patient.display,
      birthDate: '1990-04-17',
      sex: 'male',
    });
    expect(created.createdBy).toEqual({ hsaId: nurseIda.hsaId, name: nurseIda.name, title: nurseIda.title });
    expect(created.regionId).toBe('skane');
    expect(stack.emitted).toContainEqual({ event: 'cases.changed', payload: { caseId: created.id } });
  });

  it('refuses an invalid number with the precise Swedish error, and stores nothing', async () => {
    const stack = await signedInStack();
    const patient = patientNumber();
    const wrongCheck = await stack.fail('cases.create', {
      patient: { kind: 'identified', number: withWrongCheckDigit(patient.normalized) },
      caller: 'self',
    });
    expect(wrongCheck).toMatchObject({
      code: 'validation_failed',
      message: 'Kontrollsiffran stämmer inte – kontrollera numret',
      details: { field: 'patient.number', reason: 'wrong-check-digit' },
    });
    const tooShort = await stack.fail('cases.create', {
      patient: { kind: 'identified', number: '900417-12' },
      caller: 'self',
    });
    expect(tooShort.message).toBe('Numret har 8 siffror – ett personnummer har 10 eller 12 siffror');
    expect(await stack.call('cases.list', { scope: 'region' })).toEqual([]);
  });

  it("accepts the region's reservnummer and an unidentified patient with a description", async () => {
    const stack = await signedInStack();
    const reserv = await newCase(stack, '19750615-m142');
    // Skåne's demo format: the middle digit after M gives sex (4: even, female).
    expect(reserv.patient).toMatchObject({
      kind: 'reservnummer',
      normalized: '19750615-M142',
      birthDate: '1975-06-15',
      sex: 'female',
    });
    const anonymous = await stack.call<Case>('cases.create', {
      patient: { kind: 'unidentified', description: 'Man omkring 40 år, vill inte uppge namn' },
      caller: { name: 'Kim Andersson', relation: 'anhorig', phone: '070-123 45 67' },
    });
    expect(anonymous.patient).toEqual({
      kind: 'unidentified',
      unidentifiedDescription: 'Man omkring 40 år, vill inte uppge namn',
    });
    expect(anonymous.caller).toEqual({ name: 'Kim Andersson', relation: 'anhorig', phone: '070-123 45 67' });
  });

  it('answers malformed arguments before anything runs: no description, no caller, an unknown relation', async () => {
    const stack = await signedInStack();
    const noDescription = await stack.fail('cases.create', {
      patient: { kind: 'unidentified', description: '  ' },
      caller: 'self',
    });
    expect(noDescription.code).toBe('invalid_arguments');
    expect(noDescription.message).toContain('Beskriv den oidentifierade patienten');
    expect((await stack.fail('cases.create', { patient: { kind: 'identified', number: '1' } })).code).toBe(
      'invalid_arguments',
    );
    const badRelation = await stack.fail('cases.create', {
      patient: { kind: 'unidentified', description: 'Kvinna' },
      caller: { name: 'X', relation: 'granne' },
    });
    expect(badRelation.code).toBe('invalid_arguments');
  });

  it('starts the note draft with the kontaktorsak, with the session nurse and the case time', async () => {
    const stack = await signedInStack();
    const created = await newCase(stack, patientNumber().display, 'Ont i magen sedan i går');
    const view = await stack.call<CaseViewData>('cases.open', { caseId: created.id });
    expect(view.notes).toHaveLength(1);
    expect(view.notes[0]).toMatchObject({
      status: 'draft',
      kontaktorsak: 'Ont i magen sedan i går',
      contactAt: created.createdAt,
      responsible: { hsaId: nurseIda.hsaId, name: nurseIda.name, title: nurseIda.title },
    });
  });
});

describe('notes', () => {
  it('fills the responsible nurse and the contact time from the session; the renderer cannot set them', async () => {
    const clock = manualClock('2026-03-10T09:00:00.000Z');
    const stack = await signedInStack(clock);
    const created = await newCase(stack, patientNumber().display);
    clock.advance(4 * 60_000);
    const noteId = crypto.randomUUID();
    const forged = await stack.fail('notes.saveDraft', {
      caseId: created.id,
      noteId,
      ...completeNote,
      responsible: { hsaId: nurseNils.hsaId, name: nurseNils.name, title: nurseNils.title },
      contactAt: '2020-01-01T00:00:00.000Z',
    });
    expect(forged.code).toBe('invalid_arguments');

    const saved = await stack.call<Note>('notes.saveDraft', { caseId: created.id, noteId, ...completeNote });
    expect(saved.responsible).toEqual({ hsaId: nurseIda.hsaId, name: nurseIda.name, title: nurseIda.title });
    expect(saved.contactAt).toBe(created.createdAt);
    clock.advance(60_000);
    const signed = await stack.call<Note>('notes.sign', { noteId });
    expect(signed.signedAt).toBe(new Date(clock.now()).toISOString());
    expect(signed.contactAt).toBe(created.createdAt);
  });

  it('autosaves into the same draft by its id and refuses a second draft in the same case', async () => {
    const stack = await signedInStack();
    const created = await newCase(stack, patientNumber().display);
    const noteId = crypto.randomUUID();
    await stack.call('notes.saveDraft', { caseId: created.id, noteId, kontaktorsak: 'Yrsel' });
    await stack.call('notes.saveDraft', { caseId: created.id, noteId, kontaktorsak: 'Yrsel och illamående' });
    const view = await stack.call<CaseViewData>('cases.open', { caseId: created.id });
    expect(view.notes.map((n) => n.kontaktorsak)).toEqual(['Yrsel och illamående']);

    const second = await stack.fail('notes.saveDraft', {
      caseId: created.id,
      noteId: crypto.randomUUID(),
      kontaktorsak: 'Annat',
    });
    expect(second).toMatchObject({ code: 'draft_pending', details: { draftNoteId: noteId } });
  });

  it('refuses to sign an incomplete note and says which fields are missing', async () => {
    const stack = await signedInStack();
    const created = await newCase(stack, patientNumber().display);
    const noteId = crypto.randomUUID();
    await stack.call('notes.saveDraft', {
      caseId: created.id,
      noteId,
      kontaktorsak: 'Feber',
      bradskegrad: 3,
    });
    const error = await stack.fail('notes.sign', { noteId });
    expect(error).toMatchObject({
      code: 'note_incomplete',
      details: { missing: ['bedomning', 'rad', 'hanvisning'] },
    });
  });

  it('refuses to sign over a provisional triage until an override or a reason is given, and stores nothing signed', async () => {
    const stack = await signedInStack();
    const created = await newCase(stack, patientNumber().display);
    await stack.call('cases.saveTriage', {
      caseId: created.id,
      triage: chestPainTriage({ provisional: true }),
    });
    const noteId = crypto.randomUUID();
    await stack.call('notes.saveDraft', { caseId: created.id, noteId, ...completeNote });
    const refused = await stack.fail('notes.sign', { noteId });
    expect(refused.code).toBe('triage_provisional');
    const before = await stack.call<CaseViewData>('cases.open', { caseId: created.id });
    expect(before.notes.map((n) => n.status)).toEqual(['draft']);

    await stack.call('cases.saveTriage', {
      caseId: created.id,
      triage: chestPainTriage({ provisional: true, provisionalReason: CALL_DROPPED }),
    });
    const signed = await stack.call<Note>('notes.sign', { noteId });
    expect(signed.status).toBe('signed');
  });

  it('refuses to sign while the phone menu and the triage disagree, whatever reason is given, and signs once resolved', async () => {
    const stack = await signedInStack();
    const created = await newCase(stack, patientNumber().display);
    const answers: PhoneMenuAnswerInput[] = [{ code: 'chest-pain', answer: 'yes' }];
    const conflicting = chestPainTriage({
      provisional: true,
      provisionalReason: CALL_DROPPED,
      phoneMenu: { answers, resolutions: [], unresolved: true },
    });
    await stack.call('cases.saveTriage', { caseId: created.id, triage: conflicting });
    const noteId = crypto.randomUUID();
    await stack.call('notes.saveDraft', { caseId: created.id, noteId, ...completeNote });
    expect((await stack.fail('notes.sign', { noteId })).code).toBe('triage_provisional');
    const opened = await stack.call<CaseViewData>('cases.open', { caseId: created.id });
    expect(opened.notes.map((n) => n.status)).toEqual(['draft']);

    await stack.call('cases.saveTriage', {
      caseId: created.id,
      triage: {
        ...conflicting,
        phoneMenu: {
          answers,
          resolutions: [{ code: 'chest-pain', kept: 'nurse', resolvedAt: '2026-03-02T21:06:00Z' }],
        },
      },
    });
    expect((await stack.call<Note>('notes.sign', { noteId })).status).toBe('signed');
  });

  it('signs a note over a complete triage, and over a provisional one the nurse overrode with a reason', async () => {
    const stack = await signedInStack();
    const complete = await newCase(stack, patientNumber().display);
    await stack.call('cases.saveTriage', { caseId: complete.id, triage: chestPainTriage() });
    const first = crypto.randomUUID();
    await stack.call('notes.saveDraft', { caseId: complete.id, noteId: first, ...completeNote });
    expect((await stack.call<Note>('notes.sign', { noteId: first })).status).toBe('signed');

    const overridden = await newCase(stack, patientNumber().display);
    const override = {
      fromLevel: 5,
      toLevel: 3,
      reasonCode: 'clinical-judgement',
      reasonText: 'Låter påverkad i telefon',
      overriddenAt: '2026-03-02T21:06:00Z',
    } as const;
    await stack.call('cases.saveTriage', {
      caseId: overridden.id,
      triage: chestPainTriage({ provisional: true, override }),
    });
    const second = crypto.randomUUID();
    await stack.call('notes.saveDraft', { caseId: overridden.id, noteId: second, ...completeNote });
    expect((await stack.call<Note>('notes.sign', { noteId: second })).status).toBe('signed');
  });

  it('signs once: signing again, editing or discarding a signed note are refused', async () => {
    const stack = await signedInStack();
    const created = await newCase(stack, patientNumber().display);
    const noteId = crypto.randomUUID();
    await stack.call('notes.saveDraft', { caseId: created.id, noteId, ...completeNote });
    const signed = await stack.call<Note>('notes.sign', { noteId });
    expect(signed.status).toBe('signed');
    expect(signed.contentHash).toMatch(/^[0-9a-f]{64}$/);

    expect((await stack.fail('notes.sign', { noteId })).code).toBe('note_signed');
    expect(
      (await stack.fail('notes.saveDraft', { caseId: created.id, noteId, ...completeNote, rad: 'Nytt råd' }))
        .code,
    ).toBe('note_signed');
    expect((await stack.fail('notes.discardDraft', { noteId })).code).toBe('note_signed');
    const view = await stack.call<CaseViewData>('cases.open', { caseId: created.id });
    expect(view.notes).toEqual([signed]);
  });

  it('amend creates a linked draft prefilled from the signed note; asking again continues it', async () => {
    const clock = manualClock();
    const stack = await signedInStack(clock);
    const created = await newCase(stack, patientNumber().display);
    const noteId = crypto.randomUUID();
    await stack.call('notes.saveDraft', { caseId: created.id, noteId, ...completeNote });
    const original = await stack.call<Note>('notes.sign', { noteId });
    clock.advance(60_000);

    const amendment = await stack.call<Note>('notes.amend', { noteId });
    expect(amendment).toMatchObject({
      status: 'draft',
      amendsNoteId: original.id,
      caseId: created.id,
      kontaktorsak: original.kontaktorsak,
      rad: original.rad,
      bradskegrad: original.bradskegrad,
      contactAt: original.contactAt,
    });
    expect(amendment.id).not.toBe(original.id);
    expect((await stack.call<Note>('notes.amend', { noteId })).id).toBe(amendment.id);

    await stack.call('notes.saveDraft', {
      caseId: created.id,
      noteId: amendment.id,
      ...completeNote,
      rad: `${completeNote.rad} Tillägg: patienten ringer tillbaka i kväll.`,
    });
    clock.advance(60_000);
    const signedAmendment = await stack.call<Note>('notes.sign', { noteId: amendment.id });
    clock.advance(60_000);
    expect(signedAmendment.amendsNoteId).toBe(original.id);

    // The chain stays a line: the original can no longer be amended, only the newest version.
    expect((await stack.fail('notes.amend', { noteId: original.id })).code).toBe('conflict');
    const next = await stack.call<Note>('notes.amend', { noteId: signedAmendment.id });
    expect(next.amendsNoteId).toBe(signedAmendment.id);

    const view = await stack.call<CaseViewData>('cases.open', { caseId: created.id });
    expect(view.notes.map((n) => [n.status, n.amendsNoteId ?? null])).toEqual([
      ['signed', null],
      ['signed', original.id],
      ['draft', signedAmendment.id],
    ]);
  });

  it('discards a draft, after which a new draft may start', async () => {
    const stack = await signedInStack();
    const created = await newCase(stack, patientNumber().display);
    const noteId = crypto.randomUUID();
    await stack.call('notes.saveDraft', { caseId: created.id, noteId, kontaktorsak: 'Fel patient' });
    await expect(stack.call('notes.discardDraft', { noteId })).resolves.toEqual({ noteId });
    await stack.call('notes.saveDraft', {
      caseId: created.id,
      noteId: crypto.randomUUID(),
      kontaktorsak: 'Ny',
    });
    expect((await stack.fail('notes.discardDraft', { noteId })).code).toBe('not_found');
  });

  it('answers not_found for an unknown case, and validation errors for bad ids and levels', async () => {
    const stack = await signedInStack();
    const unknown = crypto.randomUUID();
    expect((await stack.fail('cases.open', { caseId: unknown })).code).toBe('not_found');
    expect((await stack.fail('notes.saveDraft', { caseId: unknown, noteId: crypto.randomUUID() })).code).toBe(
      'not_found',
    );
    expect((await stack.fail('cases.open', { caseId: 'abc' })).code).toBe('invalid_arguments');
    const created = await newCase(stack, patientNumber().display);
    const badLevel = await stack.fail('notes.saveDraft', {
      caseId: created.id,
      noteId: crypto.randomUUID(),
      bradskegrad: 7,
    });
    expect(badLevel.code).toBe('invalid_arguments');
    expect(badLevel.message).toContain('Nivån måste vara 1–6');
  });
});

describe('cases: open, close, triage and referral', () => {
  it('logs every open in the access log with the nurse and the advice service as care unit', async () => {
    const stack = await signedInStack();
    const created = await newCase(stack, patientNumber().display);
    await stack.call('cases.open', { caseId: created.id });
    const store = stack.stores.current!.store;
    const log = store.listAccessLog({ caseId: created.id });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      action: 'open-case',
      actor: { hsaId: nurseIda.hsaId },
      careUnitHsaId: 'SE2321000016-1177SKANE',
      patientNumber: created.patient.normalized,
    });
  });

  it('closes a case only without an unsigned draft; a closed case refuses triage and referral', async () => {
    const stack = await signedInStack();
    const created = await newCase(stack, patientNumber().display);
    const noteId = crypto.randomUUID();
    await stack.call('notes.saveDraft', { caseId: created.id, noteId, ...completeNote });
    expect((await stack.fail('cases.close', { caseId: created.id })).code).toBe('draft_pending');
    await stack.call('notes.sign', { noteId });
    const closed = await stack.call<Case>('cases.close', { caseId: created.id });
    expect(closed.status).toBe('closed');

    const triage = { protocols: [], answers: [], disposition: null, override: null };
    expect((await stack.fail('cases.saveTriage', { caseId: created.id, triage })).code).toBe('case_closed');
    expect((await stack.fail('cases.saveReferral', { caseId: created.id, referral: null })).code).toBe(
      'case_closed',
    );
    // A signed note of a closed case can still be amended.
    await expect(stack.call('notes.amend', { noteId })).resolves.toMatchObject({ amendsNoteId: noteId });
  });

  it('saves the triage record and the referral with the case', async () => {
    const stack = await signedInStack();
    const created = await newCase(stack, patientNumber().display);
    const triage = {
      protocols: [{ id: 'feber-vuxen', version: '1.1.0' }],
      answers: [
        {
          protocolId: 'feber-vuxen',
          protocolVersion: '1.1.0',
          questionId: 'andningsbesvar',
          value: 'no',
          answeredAt: '2026-03-10T09:01:00.000Z',
        },
      ],
      disposition: {
        level: 4,
        careLevel: 'vardcentral',
        decidedBy: { protocolId: 'feber-vuxen', questionId: null },
      },
      override: null,
    };
    const withTriage = await stack.call<Case>('cases.saveTriage', { caseId: created.id, triage });
    expect(withTriage.triage).toEqual(triage);
    const referral = {
      unitHsaId: 'SE2321000016-DSKA01',
      unitName: 'Vårdcentralen Centrum, Malmö',
      careType: 'vardcentral',
      reasonSv: 'Öppen i dag, närmast patienten.',
      chosenAt: '2026-03-10T09:05:00.000Z',
    };
    const withReferral = await stack.call<Case>('cases.saveReferral', { caseId: created.id, referral });
    expect(withReferral.referral).toEqual(referral);
    expect(
      (await stack.fail('cases.saveTriage', { caseId: created.id, triage: { protocols: 'x' } })).code,
    ).toBe('invalid_arguments');
  });
});

describe('cases.list', () => {
  it("'mine-today' holds my cases since local midnight in Sweden; 'region' holds the region's", async () => {
    // 22:30 UTC on 9 March is 23:30 in Stockholm: still 9 March there.
    const clock = manualClock('2026-03-09T22:30:00.000Z');
    const stack = await signedInStack(clock);
    const yesterday = await newCase(stack, patientNumber('1950-01-01').display, 'Igår');
    clock.set('2026-03-09T23:10:00.000Z'); // 00:10 on 10 March in Stockholm
    const today = await newCase(stack, patientNumber('1960-01-01').display, 'I dag');
    clock.advance(60_000);
    // A colleague's case of the region, as pulled from the backend into this store.
    const store = stack.stores.current!.store;
    const colleagues = store.createCase({
      regionId: 'skane',
      patient: { kind: 'unidentified', unidentifiedDescription: 'Kvinna ca 80 år' },
      caller: 'self',
      createdBy: { hsaId: nurseNils.hsaId, name: nurseNils.name, title: nurseNils.title },
    });
    clock.set('2026-03-10T08:00:00.000Z');

    const mine = await stack.call<CaseListItem[]>('cases.list', { scope: 'mine-today' });
    expect(mine.map((c) => c.kontaktorsak)).toEqual(['I dag']);
    expect(mine[0]).toMatchObject({ id: today.id, noteState: 'draft', bradskegrad: null });
    const region = await stack.call<CaseListItem[]>('cases.list', { scope: 'region' });
    expect(region.map((c) => c.id)).toEqual([colleagues.id, today.id, yesterday.id]);
    expect(region[0]).toMatchObject({ noteState: 'none', kontaktorsak: null });
    expect(await stack.call('cases.list', { scope: 'region', limit: 1 })).toHaveLength(1);
  });

  it('finds a patient by any valid form of the number, logs the search, and explains an invalid one', async () => {
    const stack = await signedInStack();
    const patient = patientNumber('1988-12-24', 'female');
    const created = await newCase(stack, patient.display, 'Halsont');
    await newCase(stack, patientNumber('1970-05-05').display, 'Annan patient');
    for (const form of [
      patient.normalized,
      patient.display,
      patient.tenDigits,
      `${patient.tenDigits.slice(0, 6)}-${patient.tenDigits.slice(6)}`,
    ]) {
      const found = await stack.call<CaseListItem[]>('cases.list', { scope: 'region', personnummer: form });
      expect(found.map((c) => c.id)).toEqual([created.id]);
    }
    const store = stack.stores.current!.store;
    expect(
      store.listAccessLog({ personnummer: patient.normalized }).filter((e) => e.action === 'search-patient'),
    ).toHaveLength(4);

    const invalid = await stack.fail('cases.list', {
      scope: 'region',
      personnummer: withWrongCheckDigit(patient.normalized),
    });
    expect(invalid).toMatchObject({
      code: 'validation_failed',
      message: 'Kontrollsiffran stämmer inte – kontrollera numret',
      details: { field: 'personnummer' },
    });
  });

  it('shows the newest signed note of a case, and that an amendment is under way', async () => {
    const stack = await signedInStack();
    const created = await newCase(stack, patientNumber().display);
    const noteId = crypto.randomUUID();
    await stack.call('notes.saveDraft', {
      caseId: created.id,
      noteId,
      ...completeNote,
      bradskegrad: 6,
      hanvisning: '',
    });
    await stack.call('notes.sign', { noteId });
    let [item] = await stack.call<CaseListItem[]>('cases.list', { scope: 'mine-today' });
    expect(item).toMatchObject({
      noteState: 'signed',
      bradskegrad: 6,
      kontaktorsak: completeNote.kontaktorsak,
    });
    await stack.call('notes.amend', { noteId });
    [item] = await stack.call<CaseListItem[]>('cases.list', { scope: 'mine-today' });
    expect(item?.noteState).toBe('signed-with-draft');
  });
});

describe('cases.repeatContacts', () => {
  it('finds contacts with the same patient within 72 hours, newest first, leaving out the current case', async () => {
    const clock = manualClock('2026-03-06T10:00:00.000Z');
    const stack = await signedInStack(clock);
    const patient = patientNumber('2019-08-30', 'male');
    await newCase(stack, patient.display, 'För länge sedan'); // 4 days before
    clock.set('2026-03-08T12:00:00.000Z');
    const earlier = await newCase(stack, patient.display);
    const noteId = crypto.randomUUID();
    await stack.call('notes.saveDraft', {
      caseId: earlier.id,
      noteId,
      ...completeNote,
      kontaktorsak: 'Feber, barn 6 år',
      bradskegrad: 5,
    });
    await stack.call('notes.sign', { noteId });
    await newCase(stack, patientNumber('2001-01-01').display, 'Någon annan');
    clock.set('2026-03-10T10:00:00.000Z');
    const current = await newCase(stack, patient.tenDigits, 'Feber igen');

    const contacts = await stack.call<RepeatContact[]>('cases.repeatContacts', {
      personnummer: patient.tenDigits,
      excludeCaseId: current.id,
    });
    expect(contacts).toEqual([
      {
        caseId: earlier.id,
        createdAt: earlier.createdAt,
        createdBy: { hsaId: nurseIda.hsaId, name: nurseIda.name, title: nurseIda.title },
        status: 'open',
        kontaktorsak: 'Feber, barn 6 år',
        bradskegrad: 5,
      },
    ]);
    const withCurrent = await stack.call<RepeatContact[]>('cases.repeatContacts', {
      personnummer: patient.normalized,
    });
    expect(withCurrent.map((c) => c.caseId)).toEqual([current.id, earlier.id]);
    expect((await stack.fail('cases.repeatContacts', { personnummer: '12345' })).message).toBe(
      'Numret har 5 siffror – ett personnummer har 10 eller 12 siffror',
    );
  });
});
