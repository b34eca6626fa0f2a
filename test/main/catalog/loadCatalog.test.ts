// Loading the catalog from disk: the demo files load, and a broken file is refused naming file, field and line.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogFileError, loadCatalog, parseResourceFile } from '../../../main/services/catalog/loadCatalog';
import { regionCatalogSchema } from '../../../core/referral/catalog';

const RESOURCES = path.resolve(import.meta.dirname, '../../../resources');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'firstline-catalog-'));
  await cp(path.join(RESOURCES, 'catalog'), path.join(dir, 'catalog'), { recursive: true });
  await cp(path.join(RESOURCES, 'regions'), path.join(dir, 'regions'), { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const full = path.join(dir, file);
  const text = await readFile(full, 'utf8');
  const changed = change(text);
  expect(changed, `the edit of ${file} changed nothing`).not.toBe(text);
  await writeFile(full, changed);
}

async function loadError(): Promise<CatalogFileError> {
  try {
    await loadCatalog(dir);
  } catch (error) {
    if (error instanceof CatalogFileError) return error;
    throw error;
  }
  throw new Error('expected the catalog to be refused');
}

describe('loadCatalog', () => {
  it('loads the demo catalog, rules and localities', async () => {
    const loaded = await loadCatalog(RESOURCES);
    expect(loaded.units.length).toBeGreaterThan(100);
    expect(loaded.catalogs.size).toBe(10);
    expect(loaded.national.version).toBeGreaterThan(0);
    expect(loaded.regions.get('gotland')?.levels?.['3']).toEqual({ night: ['akutmottagning'] });
  });

  it('names file, field, unit and line for invalid opening hours', async () => {
    await edit('catalog/gotland.yaml', (t) =>
      t.replace("openingHours: 'Mo-Fr 17:00-21:00;", "openingHours: 'Mo-Fx 17:00-21:00;"),
    );
    const error = await loadError();
    expect(error.file).toBe(path.join(dir, 'catalog/gotland.yaml'));
    expect(error.issues[0]).toMatchObject({ field: 'units[3].openingHours', line: expect.any(Number) });
    expect(error.issues[0]!.problem).toMatch(/Invalid opening hours "Mo-Fx 17:00-21:00/);
    expect(error.issues[0]!.problem).toMatch(/\(unit "Jourcentralen Visby \(demo\)"\)/);
    const lines = (await readFile(path.join(dir, 'catalog/gotland.yaml'), 'utf8')).split('\n');
    expect(lines[error.issues[0]!.line! - 1]).toMatch(/Mo-Fx/);
    expect(error.message).toMatch(/gotland\.yaml:\d+: units\[3\]\.openingHours/);
  });

  it('names an unknown care type', async () => {
    await edit('catalog/kalmar.yaml', (t) => t.replace('careType: jourcentral', 'careType: sjukstuga'));
    const error = await loadError();
    expect(error.issues[0]).toMatchObject({ field: expect.stringMatching(/^units\[\d+\]\.careType$/) });
    expect(error.issues[0]!.problem).toMatch(/unknown care type "sjukstuga"/);
  });

  it('refuses an HSA-id used in two regions', async () => {
    await edit('catalog/kronoberg.yaml', (t) => t.replace('SE2321000016-DKRO01', 'SE2321000016-DDAL01'));
    const error = await loadError();
    expect(error.issues[0]!.problem).toMatch(/already used in .*dalarna\.yaml/);
  });

  it('refuses a file whose region does not match its name', async () => {
    await edit('catalog/orebro.yaml', (t) =>
      t.replace('regionId: orebro\nversion', 'regionId: uppsala\nversion'),
    );
    const mixed = await loadError();
    expect(mixed.issues[0]).toMatchObject({
      field: 'units[0].regionId',
      problem: expect.stringMatching(/^unit belongs to orebro but the catalog is for uppsala/),
    });
    await edit('catalog/orebro.yaml', (t) => t.replaceAll('regionId: orebro', 'regionId: uppsala'));
    const renamed = await loadError();
    expect(renamed.issues[0]).toMatchObject({
      field: 'regionId',
      problem: 'says uppsala but the file is named after orebro',
    });
  });

  it('refuses text that is not YAML, with the line', async () => {
    await edit('regions/skane.yaml', (t) => t.replace('levels:', 'levels: [unclosed'));
    const error = await loadError();
    expect(error.file).toMatch(/regions\/skane\.yaml$/);
    expect(error.issues[0]!.problem).toMatch(/^not valid YAML/);
    expect(error.issues[0]!.line).toBeGreaterThan(1);
  });

  it('refuses a unit override for a unit the region does not have', async () => {
    await edit('regions/dalarna.yaml', (t) => t.replace('SE2321000016-DDAL12:', 'SE2321000016-DDAL99:'));
    const error = await loadError();
    expect(error.issues[0]).toMatchObject({
      field: 'units.SE2321000016-DDAL99',
      problem: 'no unit with this HSA-id in the dalarna catalog',
    });
  });

  it('refuses national rules that leave a period without care types', async () => {
    await edit('regions/national.yaml', (t) => t.replace('    weekend: [narakut, jourcentral]\n', ''));
    const error = await loadError();
    expect(error.issues[0]).toMatchObject({ field: 'levels.3.weekend' });
  });

  it('says when a file is missing', async () => {
    await rm(path.join(dir, 'catalog/localities.yaml'));
    const error = await loadError();
    expect(error.issues[0]!.problem).toBe('file not found');
  });
});

describe('parseResourceFile', () => {
  it('reports several problems at once', () => {
    const text = ['regionId: gotland', 'version: 0', 'units:', '  - hsaId: nope', '    name: X'].join('\n');
    try {
      parseResourceFile(text, 'x.yaml', regionCatalogSchema);
      throw new Error('expected a refusal');
    } catch (error) {
      const issues = (error as CatalogFileError).issues;
      expect(issues.map((i) => i.field)).toEqual(
        expect.arrayContaining(['version', 'units[0].hsaId', 'units[0].careType']),
      );
      expect(issues.find((i) => i.field === 'units[0].hsaId')?.line).toBe(4);
    }
  });
});
