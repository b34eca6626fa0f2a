// Reading the protocol library from disk: valid files load, broken files are reported and left out, never a crash.
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadProtocols,
  loadProtocolsById,
  parseProtocolYaml,
} from '../../../main/services/protocols/loadProtocols';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/protocols');
const made: string[] = [];

async function folderWith(files: Record<string, string | { copyOf: string }>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'firstline-protocols-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(dir, name);
    if (typeof content === 'string') await writeFile(target, content);
    else await copyFile(path.join(FIXTURES, content.copyOf), target);
  }
  return dir;
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('loadProtocols', () => {
  it('loads every valid protocol in a folder, sorted by file name', async () => {
    const { protocols, problems } = await loadProtocols(FIXTURES);
    expect(problems).toEqual([]);
    expect(protocols.map((p) => p.id)).toEqual(['test-andning', 'test-buk', 'test-spadbarn', 'test-urin']);
  });

  it('leaves out a broken file with a clear problem and keeps the rest', async () => {
    const dir = await folderWith({
      'test-buk.yaml': { copyOf: 'test-buk.yaml' },
      'trasig.yaml': 'id: trasig\nquestions: [\n  - oops: {\n',
      'tom.yaml': '',
      'bad-order.yaml': { copyOf: 'broken/bad-order.yaml' },
      'README.md': '# not a protocol',
    });
    const { protocols, problems } = await loadProtocols(dir);
    expect(protocols.map((p) => p.id)).toEqual(['test-buk']);
    const files = new Set(problems.map((p) => p.file));
    expect([...files].sort()).toEqual(['bad-order.yaml', 'tom.yaml', 'trasig.yaml']);
    expect(problems.find((p) => p.file === 'trasig.yaml')?.message).toMatch(
      /^Not valid YAML \(line \d+, column \d+\)/,
    );
    expect(problems.find((p) => p.file === 'tom.yaml')?.message).toMatch(/must hold one protocol/);
  });

  it('loads only the named protocols, in the order asked, and reports missing ones', async () => {
    const { protocols, problems } = await loadProtocolsById(
      ['test-spadbarn', 'test-buk', 'saknas', '../x'],
      FIXTURES,
    );
    expect(protocols.map((p) => p.id)).toEqual(['test-spadbarn', 'test-buk']);
    expect(problems.map((p) => [p.file, p.message])).toEqual([
      ['saknas.yaml', "There is no protocol 'saknas'."],
      ['../x.yaml', "'../x' is not a protocol id (kebab-case)."],
    ]);
  });

  it('reports duplicate keys in a file instead of silently keeping one', () => {
    const parsed = parseProtocolYaml('x.yaml', 'id: a\nid: b\n');
    expect(parsed).toEqual({
      problem: expect.objectContaining({ file: 'x.yaml', message: expect.stringMatching(/unique/) }),
    });
  });

  it('reads `unsure: yes` as the word yes (YAML 1.2), as the format expects', () => {
    expect(parseProtocolYaml('x.yaml', 'unsure: yes\n')).toEqual({
      file: { fileName: 'x.yaml', data: { unsure: 'yes' } },
    });
  });

  it('throws a clear error when the folder does not exist', async () => {
    await expect(loadProtocols('/no/such/folder')).rejects.toThrow(
      /Cannot read the protocol folder \/no\/such\/folder/,
    );
  });
});
