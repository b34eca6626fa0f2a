// Shared test data for the local store: nurses, care units, generated patients and a pinned clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewCaseInput, StaffMember } from '../../../core/case';
import { generatePersonnummer, seededRng } from '../../../core/identity/testNumbers';
import { openWorkstationStore, type WorkstationStore } from '../../../main/services/store';

export const nurse: StaffMember = {
  hsaId: 'SE2321000016-N001',
  name: 'Anna Sjöberg',
  title: 'Sjuksköterska',
};
export const otherNurse: StaffMember = {
  hsaId: 'SE2321000016-N002',
  name: 'Omar Haddad',
  title: 'Specialistsjuksköterska',
};
export const careUnitHsaId = 'SE2321000016-1177';

const rng = seededRng(1177);

/** A generated (never real) personnummer as the identity parser stores it. */
export function generatedPatient(birthDate = '1984-06-12', sex: 'female' | 'male' = 'female') {
  const number = generatePersonnummer({ birthDate, sex, rng });
  return {
    kind: 'personnummer' as const,
    normalized: number.normalized,
    display: number.display,
    birthDate,
    sex,
  };
}

export function newCaseInput(overrides: Partial<NewCaseInput> = {}): NewCaseInput {
  return { regionId: 'skane', patient: generatedPatient(), caller: 'self', createdBy: nurse, ...overrides };
}

/** A clock that advances one second per reading, from a fixed start, so times are predictable and distinct. */
export function steppingClock(start = '2025-03-03T08:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t);
    t += 1000;
    return now;
  };
}

export function memoryStore(): WorkstationStore {
  return openWorkstationStore({ file: ':memory:', now: steppingClock() });
}

export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'firstline-store-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A complete draft ready to sign. */
export function completeDraft(caseId: string) {
  return {
    caseId,
    kontaktorsak: 'Feber sedan tre dagar, ont i halsen.',
    bedomning: 'Allmänt opåverkad, dricker bra, inga andningsbesvär.',
    rad: 'Vila, vätska, febernedsättande vid behov. Ring igen vid försämring.',
    hanvisning: 'Vårdcentral inom ett dygn vid kvarstående feber.',
    bradskegrad: 4 as const,
    responsible: nurse,
  };
}

/** The same content as an amendment's input (an amendment takes its case from the note it amends). */
export function amendmentContent(caseId: string) {
  const { caseId: _fromOriginal, ...content } = completeDraft(caseId);
  return content;
}
