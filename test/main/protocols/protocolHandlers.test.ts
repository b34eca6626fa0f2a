// protocols.list over the bridge: the library is read once, broken files are reported, an unreadable folder is a clear error that can be retried.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProtocolLibrarySchema } from '../../../core/api/protocols';
import { createDispatcher, type BridgeHandlers } from '../../../main/services/bridge/dispatcher';
import { loadProtocols } from '../../../main/services/protocols/loadProtocols';
import {
  createProtocolHandlers,
  createProtocolLibrary,
  type ProtocolLibraryOptions,
} from '../../../main/services/protocols/protocolHandlers';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/protocols');
const LIBRARY = path.resolve(import.meta.dirname, '../../../resources/protocols');
const made: string[] = [];

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'firstline-protocol-handlers-'));
  made.push(dir);
  return dir;
}

/** A dispatcher that serves only protocols.list, as the workstation composes it. */
function dispatcherFor(options: ProtocolLibraryOptions) {
  const handlers = createProtocolHandlers({ library: createProtocolLibrary(options) });
  return createDispatcher(handlers as BridgeHandlers);
}

describe('protocols.list', () => {
  it('answers every usable protocol in full, with the time the library was read', async () => {
    const dispatch = dispatcherFor({ dir: FIXTURES, now: () => new Date('2026-03-02T08:00:00Z') });
    const result = await dispatch('protocols.list', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const library = ProtocolLibrarySchema.parse(result.value);
    expect(library.protocols.map((p) => [p.id, p.version])).toEqual([
      ['test-andning', expect.any(String)],
      ['test-buk', expect.any(String)],
      ['test-spadbarn', expect.any(String)],
      ['test-urin', expect.any(String)],
    ]);
    expect(library.protocols[1]?.questions.length).toBeGreaterThan(0);
    expect(library.problems).toEqual([]);
    expect(library.loadedAt).toBe('2026-03-02T08:00:00.000Z');
  });

  it('reads the folder once, however often the renderer asks', async () => {
    const load = vi.fn(loadProtocols);
    const dispatch = dispatcherFor({ dir: FIXTURES, load });
    const [first, second] = await Promise.all([
      dispatch('protocols.list', {}),
      dispatch('protocols.list', {}),
    ]);
    const third = await dispatch('protocols.list', {});
    expect(load).toHaveBeenCalledTimes(1);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
  });

  it('leaves a broken file out and names it in problems', async () => {
    const dir = await tempDir();
    await copyFile(path.join(FIXTURES, 'test-buk.yaml'), path.join(dir, 'test-buk.yaml'));
    await copyFile(path.join(FIXTURES, 'broken', 'bad-level.yaml'), path.join(dir, 'bad-level.yaml'));
    const result = await dispatcherFor({ dir })('protocols.list', {});
    if (!result.ok) throw new Error(result.error.message);
    const library = ProtocolLibrarySchema.parse(result.value);
    expect(library.protocols.map((p) => p.id)).toEqual(['test-buk']);
    expect(library.problems.some((p) => p.file === 'bad-level.yaml' && p.severity === 'error')).toBe(true);
  });

  it('answers protocols_unavailable when the folder cannot be read, and reads again on the next call', async () => {
    const dir = path.join(await tempDir(), 'protokoll');
    const dispatch = dispatcherFor({ dir });
    const failed = await dispatch('protocols.list', {});
    expect(failed).toMatchObject({ ok: false, error: { code: 'protocols_unavailable' } });
    if (!failed.ok) expect(failed.error.message).toContain('could not be read');

    await mkdir(dir);
    await writeFile(
      path.join(dir, 'test-buk.yaml'),
      await readFile(path.join(FIXTURES, 'test-buk.yaml'), 'utf8'),
    );
    const retried = await dispatch('protocols.list', {});
    expect(retried.ok).toBe(true);
  });

  it('refuses arguments it does not take', async () => {
    const result = await dispatcherFor({ dir: FIXTURES })('protocols.list', { query: 'feber' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
  });

  it('serves the whole demo library without errors', async () => {
    const result = await dispatcherFor({ dir: LIBRARY })('protocols.list', {});
    if (!result.ok) throw new Error(result.error.message);
    const library = ProtocolLibrarySchema.parse(result.value);
    expect(library.protocols.length).toBeGreaterThanOrEqual(40);
    expect(library.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(library.protocols.every((p) => p.demo === true)).toBe(true);
  });
});
