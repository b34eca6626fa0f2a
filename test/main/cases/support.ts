// Shared set-up for the cases tests: demo-like nurses, a movable clock and the handlers behind the real dispatcher.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BridgeEvent, SessionState, SignedInStaff } from '../../../core/api/bridge';
import { generatePersonnummer, seededRng } from '../../../core/identity/testNumbers';
import { createDispatcher, type BridgeHandlers } from '../../../main/services/bridge/dispatcher';
import { EventHub } from '../../../main/services/bridge/eventHub';
import {
  createCaseHandlers,
  createKeyFileStoreKeyProvider,
  NurseStore,
  type StoreKeyProvider,
} from '../../../main/services/cases';
import { createWorkspaceHandlers } from '../../../main/services/workspace/workspaceHandlers';

export const nurseIda: SignedInStaff = {
  hsaId: 'SE2321000016-SKAN1',
  name: 'Ida Mårtensson',
  title: 'Sjuksköterska',
  roles: ['nurse'],
  region: { id: 'skane', name: 'Region Skåne' },
};

export const nurseNils: SignedInStaff = {
  hsaId: 'SE2321000016-SKAN2',
  name: 'Nils Persson',
  title: 'Distriktssköterska',
  roles: ['nurse'],
  region: { id: 'skane', name: 'Region Skåne' },
};

export function signedIn(staff: SignedInStaff): SessionState {
  return { status: 'signed-in', staff, signedInAt: '2026-03-10T07:00:00.000Z' };
}

const rng = seededRng(4711);

/** A generated (never real) personnummer. */
export function patientNumber(birthDate = '1990-04-17', sex: 'female' | 'male' = 'female') {
  return generatePersonnummer({ birthDate, sex, rng });
}

/** A clock the test moves by hand. */
export function manualClock(start = '2026-03-10T09:00:00.000Z') {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    set: (iso: string) => (t = Date.parse(iso)),
    advance: (ms: number) => (t += ms),
  };
}

export function tempProfile() {
  const dir = mkdtempSync(path.join(tmpdir(), 'firstline-cases-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The cases handlers behind the real dispatcher, over a NurseStore. Handlers missing from the table
 * (other features) are never called by these tests.
 */
export function caseStack(
  options: {
    profileDir?: string | null;
    keyProvider?: StoreKeyProvider;
    clock?: ReturnType<typeof manualClock>;
  } = {},
) {
  const clock = options.clock ?? manualClock();
  const stores = new NurseStore({
    profileDir: options.profileDir ?? null,
    keyProvider: options.keyProvider ?? createKeyFileStoreKeyProvider(),
    now: clock.now,
  });
  const events = new EventHub();
  const emitted: { event: BridgeEvent; payload: unknown }[] = [];
  events.subscribe((event, payload) => emitted.push({ event, payload }));
  const handlers = {
    ...createCaseHandlers({ stores, events, now: clock.now }),
    ...createWorkspaceHandlers({ stores }),
  };
  const dispatch = createDispatcher(handlers as BridgeHandlers);
  /** Calls a method and returns its value, failing the test with the bridge error otherwise. */
  async function call<T = unknown>(method: string, args: unknown): Promise<T> {
    const result = await dispatch(method, args);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  }
  /** Calls a method that must fail, and returns its error. */
  async function fail(method: string, args: unknown) {
    const result = await dispatch(method, args);
    if (result.ok) throw new Error(`${method} succeeded but should have failed`);
    return result.error;
  }
  return { stores, events, emitted, dispatch, call, fail, clock };
}

/** Note content complete enough to sign. */
export const completeNote = {
  kontaktorsak: 'Hosta och feber sedan fyra dagar.',
  bedomning: 'Opåverkad, andas utan besvär, dricker bra.',
  rad: 'Vila, vätska, febernedsättande vid behov. Ring igen vid andningsbesvär.',
  hanvisning: 'Vårdcentral inom ett dygn om febern kvarstår.',
  bradskegrad: 4,
};
