// `npm run protocols`: lint reports problems with exit code 1 and a summary; the committed JSON Schema is up to date.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { protocolJsonSchema } from '../../core/triage/protocol';
import { protocolSchemaPath, runProtocolsCli } from '../../scripts/protocols';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/protocols');

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runProtocolsCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run protocols -- lint', () => {
  it('passes the real protocol library with at least 40 protocols', async () => {
    const { code, out, err } = await run('lint');
    expect(err).toBe('');
    expect(code).toBe(0);
    const count = Number(/^(\d+) protocols OK$/.exec(out)?.[1]);
    expect(count).toBeGreaterThanOrEqual(40);
  });

  it('prints a one-line summary for a clean folder', async () => {
    expect(await run('lint', '--dir', FIXTURES)).toEqual({ code: 0, out: '4 protocols OK', err: '' });
  });

  it('lists every problem with file and path and exits 1', async () => {
    const { code, out, err } = await run('lint', '--dir', path.join(FIXTURES, 'broken'));
    expect(code).toBe(1);
    expect(out).toMatch(/^0 protocols OK, 4 files with errors \(\d+ errors\)$/);
    expect(err).toContain(
      "bad-order.yaml: questions[1].level: error: Questions must be in acuity order: 'andra' (level 1) comes after 'forsta' (level 3).",
    );
    expect(err).toContain('missing-swedish.yaml: title.sv: error: Swedish text (sv) is missing');
  });

  it('answers bad usage with exit code 2', async () => {
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run()).err).toMatch(/Missing command/);
    expect((await run('lint', '--dir', '/no/such/folder')).code).toBe(2);
  });
});

describe('npm run protocols -- schema', () => {
  it('has a committed JSON Schema that matches the zod schema', async () => {
    const committed = JSON.parse(await readFile(protocolSchemaPath(), 'utf8')) as unknown;
    expect(committed).toEqual(protocolJsonSchema());
    expect(await run('schema', '--check')).toMatchObject({ code: 0 });
  });
});
