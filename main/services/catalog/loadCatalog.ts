// Reads the service catalog, the referral rules and the locality table from disk and validates them.
//
// Files: <resources>/catalog/<region>.yaml, <resources>/catalog/localities.yaml,
// <resources>/regions/national.yaml and <resources>/regions/<region>.yaml. Validation and the checks
// between files live in core/referral/catalogFiles.ts; this module only finds and reads the files.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  buildCatalog,
  CatalogFileError,
  type LoadedCatalog,
  type ResourceText,
} from '../../../core/referral/catalogFiles';

export { CatalogFileError, parseResourceFile } from '../../../core/referral/catalogFiles';
export type { CatalogFileIssue, LoadedCatalog } from '../../../core/referral/catalogFiles';

async function readText(file: string): Promise<ResourceText> {
  try {
    return { file, text: await readFile(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CatalogFileError(file, [
      {
        field: '(file)',
        problem: code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(error)})`,
      },
    ]);
  }
}

async function yamlFilesIn(dir: string, except: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new CatalogFileError(dir, [{ field: '(folder)', problem: 'folder not found or not readable' }]);
  }
  return names
    .filter((name) => name.endsWith('.yaml') && name !== except)
    .sort()
    .map((name) => path.join(dir, name));
}

/** Reads every resource file under `resourcesDir`; throws CatalogFileError for the first bad file. */
export async function loadCatalog(resourcesDir: string): Promise<LoadedCatalog> {
  const catalogDir = path.join(resourcesDir, 'catalog');
  const rulesDir = path.join(resourcesDir, 'regions');
  const [catalogs, regions, national, localities] = await Promise.all([
    yamlFilesIn(catalogDir, 'localities.yaml').then((files) => Promise.all(files.map(readText))),
    yamlFilesIn(rulesDir, 'national.yaml').then((files) => Promise.all(files.map(readText))),
    readText(path.join(rulesDir, 'national.yaml')),
    readText(path.join(catalogDir, 'localities.yaml')),
  ]);
  return buildCatalog({ catalogs, regions, national, localities });
}
