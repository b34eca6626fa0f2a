// The catalog kept on disk per region (<profile>/catalog/<region>.json), so referral works offline and after a restart.
//
// Written atomically (a temporary file, flushed, then renamed over the old one), so a crash or a full
// disk leaves the previous catalog, never half a file. A file that does not validate is ignored rather
// than trusted: the next refresh replaces it. The catalog holds no patient data, so it is not encrypted.
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { CatalogChangedResponseSchema, type CatalogChangedResponse } from '../../../core/backend-api/catalog';
import { REGION_IDS, type RegionId } from '../../../core/referral/catalog';

/** Version tag of the file layout, so a later layout is never misread as this one. */
export const CATALOG_CACHE_FORMAT = 'firstline.catalog-cache.v1';

const CachedCatalogSchema = z.object({
  format: z.literal(CATALOG_CACHE_FORMAT),
  regionId: z.enum(REGION_IDS),
  fetchedAt: z.iso.datetime({ offset: true }),
  catalog: CatalogChangedResponseSchema,
});

export interface CachedCatalog {
  regionId: RegionId;
  /** When the backend sent this catalog. */
  fetchedAt: string;
  catalog: CatalogChangedResponse;
}

export type CacheReadResult =
  { kind: 'found'; cached: CachedCatalog } | { kind: 'missing' } | { kind: 'unusable'; problem: string };

export class CatalogCache {
  constructor(private readonly dir: string) {}

  fileFor(regionId: RegionId): string {
    // Region ids are a fixed set of slugs, so the name can never leave the folder.
    if (!(REGION_IDS as readonly string[]).includes(regionId)) throw new Error(`not a region: ${regionId}`);
    return path.join(this.dir, `${regionId}.json`);
  }

  async read(regionId: RegionId): Promise<CacheReadResult> {
    let text: string;
    try {
      text = await readFile(this.fileFor(regionId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      return {
        kind: 'unusable',
        problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { kind: 'unusable', problem: 'not valid JSON' };
    }
    const parsed = CachedCatalogSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        kind: 'unusable',
        problem: `${issue?.path.join('.') || '(file)'}: ${issue?.message ?? 'invalid'}`,
      };
    }
    if (parsed.data.regionId !== regionId || parsed.data.catalog.regionId !== regionId) {
      return { kind: 'unusable', problem: `holds the catalog of ${parsed.data.regionId}, not ${regionId}` };
    }
    const { regionId: cachedRegion, fetchedAt, catalog } = parsed.data;
    return { kind: 'found', cached: { regionId: cachedRegion, fetchedAt, catalog } };
  }

  async write(cached: CachedCatalog): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.fileFor(cached.regionId);
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    const text = JSON.stringify({ format: CATALOG_CACHE_FORMAT, ...cached });
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(temporary, { force: true });
      throw error;
    }
    await handle.close();
    try {
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
