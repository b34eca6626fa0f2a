// Loads the small test protocols in test/fixtures/protocols for the triage unit tests (fails loudly if one is broken).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { checkProtocols } from '../../../core/triage/protocol';
import type { Protocol } from '../../../core/triage/protocol';

export const FIXTURE_PROTOCOL_DIR = path.resolve(import.meta.dirname, '../../fixtures/protocols');

/** The fixture protocols by id: test-buk (12+ years), test-andning (all ages), test-spadbarn (under 3 months). */
export function fixtureProtocols(): Record<'buk' | 'andning' | 'spadbarn', Protocol> {
  const names = ['test-buk', 'test-andning', 'test-spadbarn'];
  const files = names.map((name) => ({
    fileName: `${name}.yaml`,
    data: parse(readFileSync(path.join(FIXTURE_PROTOCOL_DIR, `${name}.yaml`), 'utf8')) as unknown,
  }));
  const { protocols, problems } = checkProtocols(files);
  if (problems.length > 0) throw new Error(`Fixture protocols have problems: ${JSON.stringify(problems)}`);
  const [buk, andning, spadbarn] = protocols;
  if (!buk || !andning || !spadbarn) throw new Error('A fixture protocol is missing.');
  return { buk, andning, spadbarn };
}

/** test-urin: rules over findings (temperature, duration), sex and answers, a `when` question and a sex-limited one. */
export function urinProtocol(): Protocol {
  const file = {
    fileName: 'test-urin.yaml',
    data: parse(readFileSync(path.join(FIXTURE_PROTOCOL_DIR, 'test-urin.yaml'), 'utf8')) as unknown,
  };
  const { protocols, problems } = checkProtocols([file]);
  if (problems.length > 0 || !protocols[0])
    throw new Error(`test-urin has problems: ${JSON.stringify(problems)}`);
  return protocols[0];
}
