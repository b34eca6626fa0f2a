// Bridge handlers for cases and advice-contact notes, over the signed-in nurse's own encrypted store.
//
// The renderer sends what the nurse typed; everything that vouches for the record is filled here: the
// responsible nurse (name, title, HSA-id) from the session, the contact time from the case, the patient's
// identity parsed again from the number, and the care unit of the access log from the region.
import type { casesMethods, CaseListItem, NewCasePatient, RepeatContact } from '../../../core/api/cases';
import { REPEAT_CONTACT_WINDOW_HOURS } from '../../../core/api/cases';
import type { SignedInStaff } from '../../../core/api/bridge';
import {
  missingForSigning,
  type Case,
  type CaseListFilter,
  type Note,
  type StaffMember,
} from '../../../core/case';
import {
  parsePatientId,
  toPatientIdentity,
  type PatientIdentity,
  type ReservnummerFormat,
} from '../../../core/identity/patientId';
import { demoReservnummerFormat } from '../../../core/identity/reservnummerFormats';
import { triageBlocksSigning } from '../../../core/triage/record';
import { BridgeFailure, type BridgeHandlers } from '../bridge/dispatcher';
import type { EventHub } from '../bridge/eventHub';
import type { WorkstationStore } from '../store';
import { withStoreErrors } from './bridgeErrors';
import type { NurseStore } from './nurseStore';
import { SERVICE_TIME_ZONE, startOfServiceDay } from './serviceDay';

export type CaseHandlers = Pick<BridgeHandlers, keyof typeof casesMethods>;

export interface CaseHandlerDeps {
  stores: NurseStore;
  events: EventHub;
  now?: () => Date;
  /** Zone of "today" in the nurse's own list (default Europe/Stockholm). */
  timeZone?: string;
  /** The care unit the access log names; the advice service of the nurse's region by default. */
  careUnitFor?: (staff: SignedInStaff) => string;
  /** The region's reservnummer format (regional configuration; the demo formats by default). */
  reservnummerFormatFor?: (regionId: string) => ReservnummerFormat | undefined;
}

/**
 * The region's telephone advice service as a care unit: the staff's HSA organisation and "1177" plus the
 * region (e.g. SE2321000016-1177SKANE). Stands in until the backend names the nurse's care unit at sign-in.
 */
export function adviceCareUnitHsaId(staff: SignedInStaff): string {
  const organisation = /^(SE\d{10,12})-/i.exec(staff.hsaId)?.[1]?.toUpperCase() ?? 'SE2321000016';
  const local = `1177${staff.region.id.replace(/[^a-z0-9]/gi, '')}`.toUpperCase().slice(0, 31);
  return `${organisation}-${local}`;
}

export function responsibleOf(staff: SignedInStaff): StaffMember {
  return { hsaId: staff.hsaId, name: staff.name, title: staff.title };
}

export function createCaseHandlers(deps: CaseHandlerDeps): CaseHandlers {
  const { stores, events } = deps;
  const now = deps.now ?? (() => new Date());
  const careUnitFor = deps.careUnitFor ?? adviceCareUnitHsaId;
  const formatFor = deps.reservnummerFormatFor ?? demoReservnummerFormat;
  const changed = (caseId: string) => events.emit('cases.changed', { caseId });

  /** Parses a typed number with the region's formats, or refuses it with the parser's precise message. */
  function parseNumber(input: string, regionId: string, field: string) {
    const result = parsePatientId(input, { today: now(), reservnummerFormat: formatFor(regionId) });
    if (!result.ok) {
      throw new BridgeFailure('validation_failed', result.error.sv, {
        field,
        reason: result.error.code,
        sv: result.error.sv,
        en: result.error.en,
      });
    }
    return result.value;
  }

  function identityOf(patient: NewCasePatient, regionId: string): PatientIdentity {
    if (patient.kind === 'unidentified') {
      return { kind: 'unidentified', unidentifiedDescription: patient.description };
    }
    return toPatientIdentity(parseNumber(patient.number, regionId, 'patient.number'));
  }

  function requireCase(store: WorkstationStore, caseId: string): Case {
    const found = store.getCase(caseId);
    if (!found) throw new BridgeFailure('not_found', `No case with id ${caseId} on this workstation.`);
    return found;
  }

  function requireNote(store: WorkstationStore, noteId: string): Note {
    const found = store.getNote(noteId);
    if (!found) throw new BridgeFailure('not_found', `No note with id ${noteId} on this workstation.`);
    return found;
  }

  function requireOpen(record: Case): void {
    if (record.status === 'closed') {
      throw new BridgeFailure(
        'case_closed',
        `Case ${record.id} is closed; its triage and referral are final.`,
      );
    }
  }

  /** A case may hold one unsigned note at a time, so two drafts never compete to be "the" note. */
  function refuseSecondDraft(store: WorkstationStore, caseId: string, allowedNoteId?: string): void {
    const draft = store.listNotes(caseId).find((n) => n.status === 'draft' && n.id !== allowedNoteId);
    if (draft) {
      throw new BridgeFailure(
        'draft_pending',
        `Case ${caseId} already has an unsigned note (${draft.id}); continue or discard it first.`,
        { draftNoteId: draft.id },
      );
    }
  }

  /** The newest signed note (by signing time) and the open draft, which together describe a case. */
  function summary(store: WorkstationStore, caseId: string) {
    const notes = store.listNotes(caseId);
    const signed = notes
      .filter((n) => n.status === 'signed')
      .sort((a, b) => (a.signedAt ?? '').localeCompare(b.signedAt ?? ''))
      .at(-1);
    const draft = notes.find((n) => n.status === 'draft');
    const shown = signed ?? draft;
    return {
      kontaktorsak: shown && shown.kontaktorsak.trim() !== '' ? shown.kontaktorsak : null,
      bradskegrad: shown?.bradskegrad ?? null,
      noteState: (signed ? (draft ? 'signed-with-draft' : 'signed') : draft ? 'draft' : 'none') as
        'none' | 'draft' | 'signed' | 'signed-with-draft',
    };
  }

  /** Patientdatalagen: finding a patient's other contacts is an access to each of those cases. */
  function logSearch(store: WorkstationStore, staff: SignedInStaff, cases: readonly Case[]): void {
    for (const found of cases) {
      store.logAccess({
        actor: responsibleOf(staff),
        careUnitHsaId: careUnitFor(staff),
        caseId: found.id,
        action: 'search-patient',
      });
    }
  }

  return {
    'cases.create': async (args) => {
      const { store, staff } = await stores.require();
      const regionId = staff.region.id;
      const patient = identityOf(args.patient, regionId);
      const created = withStoreErrors(() =>
        store.createCase(
          {
            regionId,
            patient,
            caller: args.caller,
            ...(args.callId === undefined ? {} : { callId: args.callId }),
            ...(args.call === undefined ? {} : { call: args.call }),
            createdBy: responsibleOf(staff),
          },
          { anotherForCall: args.anotherCaseForCall === true },
        ),
      );
      if (args.kontaktorsak !== undefined && args.kontaktorsak.trim() !== '') {
        const kontaktorsak = args.kontaktorsak;
        withStoreErrors(() =>
          store.saveDraftNote({
            caseId: created.id,
            kontaktorsak,
            responsible: responsibleOf(staff),
            contactAt: created.createdAt,
          }),
        );
      }
      changed(created.id);
      return created;
    },

    'cases.forCall': async ({ callId }) => {
      const { store, staff } = await stores.require();
      return withStoreErrors(() => store.caseForCall(callId, staff.region.id));
    },

    'cases.list': async ({ scope, personnummer, limit }) => {
      const { store, staff } = await stores.require();
      const filter: CaseListFilter = { regionId: staff.region.id, limit };
      if (scope === 'mine-today') {
        filter.createdBy = staff.hsaId;
        filter.since = startOfServiceDay(now(), deps.timeZone ?? SERVICE_TIME_ZONE).toISOString();
      }
      if (personnummer !== undefined) {
        filter.personnummer = parseNumber(personnummer, staff.region.id, 'personnummer').normalized;
      }
      const cases = withStoreErrors(() => store.listCases(filter));
      if (personnummer !== undefined) withStoreErrors(() => logSearch(store, staff, cases));
      return cases.map((record): CaseListItem => ({
        id: record.id,
        regionId: record.regionId,
        patient: record.patient,
        caller: record.caller,
        createdAt: record.createdAt,
        createdBy: record.createdBy,
        status: record.status,
        ...summary(store, record.id),
      }));
    },

    'cases.open': async ({ caseId }) => {
      const { store, staff } = await stores.require();
      return withStoreErrors(() =>
        store.openCase(caseId, { actor: responsibleOf(staff), careUnitHsaId: careUnitFor(staff) }),
      );
    },

    'cases.close': async ({ caseId }) => {
      const { store } = await stores.require();
      requireCase(store, caseId);
      refuseSecondDraft(store, caseId);
      const closed = withStoreErrors(() => store.closeCase(caseId));
      changed(caseId);
      return closed;
    },

    'cases.saveTriage': async ({ caseId, triage }) => {
      const { store } = await stores.require();
      requireOpen(requireCase(store, caseId));
      const updated = withStoreErrors(() => store.updateCase(caseId, { triage }));
      changed(caseId);
      return updated;
    },

    'cases.saveReferral': async ({ caseId, referral }) => {
      const { store } = await stores.require();
      requireOpen(requireCase(store, caseId));
      const updated = withStoreErrors(() => store.updateCase(caseId, { referral }));
      changed(caseId);
      return updated;
    },

    'cases.repeatContacts': async ({ personnummer, excludeCaseId }) => {
      const { store, staff } = await stores.require();
      const patient = parseNumber(personnummer, staff.region.id, 'personnummer');
      const since = new Date(now().getTime() - REPEAT_CONTACT_WINDOW_HOURS * 3_600_000).toISOString();
      const earlier = withStoreErrors(() =>
        store.listCases({ personnummer: patient.normalized, regionId: staff.region.id, since, limit: 50 }),
      ).filter((record) => record.id !== excludeCaseId);
      withStoreErrors(() => logSearch(store, staff, earlier));
      return earlier.map((record): RepeatContact => {
        const { kontaktorsak, bradskegrad } = summary(store, record.id);
        return {
          caseId: record.id,
          createdAt: record.createdAt,
          createdBy: record.createdBy,
          status: record.status,
          kontaktorsak,
          bradskegrad,
        };
      });
    },

    'notes.saveDraft': async ({ caseId, noteId, ...content }) => {
      const { store, staff } = await stores.require();
      const record = requireCase(store, caseId);
      const existing = store.getNote(noteId);
      if (!existing) refuseSecondDraft(store, caseId);
      const saved = withStoreErrors(() =>
        store.saveDraftNote({
          id: noteId,
          caseId,
          ...content,
          responsible: responsibleOf(staff),
          // The contact began when the case was opened; a draft keeps the time it was given first.
          ...(existing ? {} : { contactAt: record.createdAt }),
        }),
      );
      changed(caseId);
      return saved;
    },

    'notes.sign': async ({ noteId }) => {
      const { store, staff } = await stores.require();
      const draft = requireNote(store, noteId);
      if (draft.status === 'signed') {
        throw new BridgeFailure('note_signed', `Note ${noteId} is already signed.`, {
          signedAt: draft.signedAt,
        });
      }
      const missing = missingForSigning(draft);
      if (missing.length > 0) {
        throw new BridgeFailure(
          'note_incomplete',
          `The note cannot be signed yet: ${missing.map((p) => p.field).join(', ')} missing.`,
          { missing: missing.map((p) => p.field) },
        );
      }
      // A provisional triage is signed only with an override or a stated reason: the gate holds here too,
      // whatever the screen did. An amendment corrects a note that already passed it.
      if (!draft.amendsNoteId && triageBlocksSigning(requireCase(store, draft.caseId).triage)) {
        throw new BridgeFailure(
          'triage_provisional',
          'The triage is provisional: answer the open questions, change the level with a reason, or say why the note is signed anyway (the call was cut off, the caller does not want to answer).',
        );
      }
      // The one who signs is the responsible nurse, whoever last saved the draft.
      if (draft.responsible.hsaId !== staff.hsaId) {
        withStoreErrors(() =>
          store.saveDraftNote({
            id: draft.id,
            caseId: draft.caseId,
            kontaktorsak: draft.kontaktorsak,
            bedomning: draft.bedomning,
            rad: draft.rad,
            hanvisning: draft.hanvisning,
            bradskegrad: draft.bradskegrad,
            responsible: responsibleOf(staff),
          }),
        );
      }
      const signed = withStoreErrors(() => store.signNote(noteId));
      changed(signed.caseId);
      return signed;
    },

    'notes.amend': async ({ noteId }) => {
      const { store, staff } = await stores.require();
      const original = requireNote(store, noteId);
      if (original.status !== 'signed') {
        throw new BridgeFailure(
          'validation_failed',
          `Note ${noteId} is not signed yet; edit the draft instead of amending it.`,
        );
      }
      // Asking again continues the amendment already begun rather than refusing.
      const begun = store
        .listNotes(original.caseId)
        .find((n) => n.status === 'draft' && n.amendsNoteId === original.id);
      if (begun) return begun;
      refuseSecondDraft(store, original.caseId);
      const amendment = withStoreErrors(() =>
        store.amendNote(original.id, {
          kontaktorsak: original.kontaktorsak,
          bedomning: original.bedomning,
          rad: original.rad,
          hanvisning: original.hanvisning,
          bradskegrad: original.bradskegrad,
          responsible: responsibleOf(staff),
        }),
      );
      changed(original.caseId);
      return amendment;
    },

    'notes.discardDraft': async ({ noteId }) => {
      const { store } = await stores.require();
      const note = requireNote(store, noteId);
      withStoreErrors(() => store.discardDraftNote(noteId));
      changed(note.caseId);
      return { noteId };
    },
  };
}
