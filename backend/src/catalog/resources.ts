// Reads the catalog, rule and locality files the backend seeds from, and validates them with core's buildCatalog.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { buildCatalog, type LoadedCatalog, type ResourceText } from '../../../core/referral/catalogFiles';

/** The validated resources plus the locality table's version (buildCatalog gives the rows only). */
export interface CatalogResources extends LoadedCatalog {
  localitiesVersion: number;
}

/** The repository's resources folder (catalog/ and regions/ inside). */
export const DEFAULT_CATALOG_RESOURCES_DIR = resolve(import.meta.dirname, '../../../resources');

async function yamlTexts(dir: string, except: string): Promise<ResourceText[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.yaml') && name !== except).sort();
  return Promise.all(
    names.map(async (name) => ({ file: join(dir, name), text: await readFile(join(dir, name), 'utf8') })),
  );
}

async function readResources(dir: string): Promise<CatalogResources> {
  const [catalogs, regions, national, localities] = await Promise.all([
    yamlTexts(join(dir, 'catalog'), 'localities.yaml'),
    yamlTexts(join(dir, 'regions'), 'national.yaml'),
    readFile(join(dir, 'regions', 'national.yaml'), 'utf8'),
    readFile(join(dir, 'catalog', 'localities.yaml'), 'utf8'),
  ]);
  const loaded = buildCatalog({
    catalogs,
    regions,
    national: { file: join(dir, 'regions', 'national.yaml'), text: national },
    localities: { file: join(dir, 'catalog', 'localities.yaml'), text: localities },
  });
  // buildCatalog has validated the file, version included.
  return { ...loaded, localitiesVersion: (parse(localities) as { version: number }).version };
}

const cache = new Map<string, Promise<CatalogResources>>();

/**
 * The validated resources under `dir` (throws CatalogFileError naming the bad file and line). Read once
 * per process and folder: the files ship with the backend and do not change while it runs.
 */
export function readCatalogResources(dir: string = DEFAULT_CATALOG_RESOURCES_DIR): Promise<CatalogResources> {
  let loading = cache.get(dir);
  if (!loading) {
    loading = readResources(dir);
    loading.catch(() => cache.delete(dir));
    cache.set(dir, loading);
  }
  return loading;
}
