// Shared sync test data: nurses signed in to a test backend, workstation stores that write cases and sign notes.
import { randomUUID } from 'node:crypto';
import type { Backend } from '../../../backend/src/server';
import { BACKEND_ROUTES, SessionTokensResponseSchema } from '../../../core/backend-api/auth';
import type { NewCaseInput, Note, StaffMember } from '../../../core/case';
import { generatePersonnummer, seededRng, type Rng } from '../../../core/identity/testNumbers';
import type { SyncStatus } from '../../../core/api/sync';
import { EventChannel } from '../../../main/services/backend/eventChannel';
import { openWorkstationStore, type WorkstationStore } from '../../../main/services/store';
import { createHttpSyncTransport, SyncEngine, type SyncEngineOptions } from '../../../main/services/sync';
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

/** A store on an encrypted temp file (as on a real workstation). */
export function fileStore(file: string, key: Uint8Array, now?: () => Date): WorkstationStore {
  return openWorkstationStore({ file, key, now });
}

export interface SyncedWorkstation {
  store: WorkstationStore;
  engine: SyncEngine;
  channel: EventChannel;
  statuses: SyncStatus[];
  /** Stops sync and closes the store. */
  close(): Promise<void>;
}

/** A workstation's sync as the app runs it: HTTPS transport, the live channel, the engine on the store. */
export function startSync(
  backendUrl: string,
  nurse: TestNurse,
  store: WorkstationStore,
  engine: Partial<SyncEngineOptions> = {},
): SyncedWorkstation {
  const accessToken = async () => nurse.token;
  const channel = new EventChannel({ backendUrl, accessToken, minDelayMs: 50, maxDelayMs: 500 });
  const statuses: SyncStatus[] = [];
  const syncEngine = new SyncEngine({
    store,
    transport: createHttpSyncTransport({ baseUrl: backendUrl, accessToken, timeoutMs: 5000 }),
    channel,
    minRetryMs: 50,
    maxRetryMs: 500,
    onChange: (status) => statuses.push(status),
    ...engine,
  });
  syncEngine.start();
  channel.start();
  return {
    store,
    engine: syncEngine,
    channel,
    statuses,
    async close() {
      channel.stop();
      await syncEngine.stop();
      store.close();
    },
  };
}

/** Polls until `predicate` holds, failing with `what` after `timeoutMs`. */
export async function eventually(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
