// Test helper: the demo catalog, rules and localities from resources/, loaded once per test file.
import path from 'node:path';
import { loadCatalog, type LoadedCatalog } from '../../../../main/services/catalog/loadCatalog';

export const RESOURCES_DIR = path.resolve(import.meta.dirname, '../../../../resources');

let loaded: Promise<LoadedCatalog> | null = null;

export function demoCatalog(): Promise<LoadedCatalog> {
  loaded ??= loadCatalog(RESOURCES_DIR);
  return loaded;
}
