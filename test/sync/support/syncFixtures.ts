// Shared sync test data: nurses signed in to a test backend, workstation stores that write cases and sign notes.
import { randomUUID } from 'node:crypto';
import type { Backend } from '../../../backend/src/server';
import { BACKEND_ROUTES, SessionTokensResponseSchema } from '../../../core/backend-api/auth';
import type { NewCaseInput, Note, StaffMember } from '../../../core/case';
import { generatePersonnummer, seededRng, type Rng } from '../../../core/identity/testNumbers';
import { openWorkstationStore, type WorkstationStore } from '../../../main/services/store';
import { createTestStaff, postJson } from '../../backend/support/testBackend';

export interface TestNurse {
  staff: StaffMember;
  regionId: string;
  password: string;
  token: string;
}

/** A nurse account on the backend, signed in. */
export async function signedInNurse(
  backend: Backend,
  options: { regionId?: string; roles?: ('nurse' | 'team_lead' | 'admin')[] } = {},
): Promise<TestNurse> {
  const account = await createTestStaff(backend, {
    regionId: options.regionId ?? 'skane',
    roles: options.roles ?? ['nurse'],
  });
  const response = await postJson(backend, BACKEND_ROUTES.signIn, {
    hsaId: account.hsaId,
    password: account.password,
  });
  const session = SessionTokensResponseSchema.parse(response.json());
  return {
    staff: { hsaId: session.staff.hsaId, name: session.staff.name, title: session.staff.title },
    regionId: account.regionId,
    password: account.password,
    token: session.accessToken,
  };
}

const defaultRng = seededRng(4711);

/** A generated (never real) personnummer as the identity parser stores it. */
export function generatedPatient(rng: Rng = defaultRng) {
  const year = 1940 + Math.floor(rng() * 80);
  const birthDate = `${year}-0${1 + Math.floor(rng() * 9)}-1${Math.floor(rng() * 9)}`;
  const sex = rng() < 0.5 ? ('female' as const) : ('male' as const);
  const number = generatePersonnummer({ birthDate, sex, rng });
  return {
    kind: 'personnummer' as const,
    normalized: number.normalized,
    display: number.display,
    birthDate,
    sex,
  };
}

export function memoryStore(now?: () => Date): WorkstationStore {
  return openWorkstationStore({ file: ':memory:', now });
}

export function newCase(nurse: TestNurse, overrides: Partial<NewCaseInput> = {}): NewCaseInput {
  return {
    regionId: nurse.regionId,
    patient: generatedPatient(),
    caller: 'self',
    createdBy: nurse.staff,
    ...overrides,
  };
}

/** Writes a complete draft on the case and signs it: the signed note enters the outbox. */
export function signNote(
  store: WorkstationStore,
  caseId: string,
  author: StaffMember,
  text = 'Halsont',
): Note {
  const draft = store.saveDraftNote({
    id: randomUUID(),
    caseId,
    kontaktorsak: `${text}: feber sedan tre dagar.`,
    bedomning: 'Allmänt opåverkad, dricker bra.',
    rad: 'Vila, vätska, febernedsättande vid behov. Ring igen vid försämring.',
    hanvisning: 'Vårdcentral inom ett dygn vid kvarstående feber.',
    bradskegrad: 4,
    responsible: author,
  });
  return store.signNote(draft.id);
}

/** One case with `notes` signed notes, written on `store` by `nurse`. */
export function caseWithNotes(store: WorkstationStore, nurse: TestNurse, notes: number) {
  const created = store.createCase(newCase(nurse));
  const signed = Array.from({ length: notes }, (_, i) =>
    signNote(store, created.id, nurse.staff, `Besök ${i}`),
  );
  return { case: created, notes: signed };
}
