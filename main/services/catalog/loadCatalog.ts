// Reads the service catalog, the referral rules and the locality table from YAML files and validates them.
//
// Used by the backend seed and by the workstation. Files live under <resources>/catalog/<region>.yaml,
// <resources>/catalog/localities.yaml, <resources>/regions/national.yaml and <resources>/regions/<region>.yaml.
// A broken file is refused as a whole with an error naming the file, the field and the line, so nothing
// half-valid reaches the ranking.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import {
  REGION_IDS,
  regionCatalogSchema,
  type CareUnit,
  type RegionCatalog,
  type RegionId,
} from '../../../core/referral/catalog';
import { localitiesFileSchema, type LocalitiesFile, type Locality } from '../../../core/referral/localities';
import {
  nationalRulesSchema,
  regionRulesSchema,
  type NationalRules,
  type RegionRules,
} from '../../../core/referral/regionConfig';

export interface CatalogFileIssue {
  /** Dotted path of the field, e.g. "units[3].openingHours"; "(file)" for the file as a whole. */
  field: string;
  problem: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

/** A resource file that cannot be used; the message names the file, the fields and the lines. */
export class CatalogFileError extends Error {
  readonly file: string;
  readonly issues: readonly CatalogFileIssue[];
  constructor(file: string, issues: CatalogFileIssue[]) {
    const lines = issues
      .slice(0, 10)
      .map((i) => `  ${file}${i.line ? `:${i.line}` : ''}: ${i.field}: ${i.problem}`);
    const more = issues.length > 10 ? [`  … and ${issues.length - 10} more`] : [];
    super(`Cannot use ${file}:\n${[...lines, ...more].join('\n')}`);
    this.name = 'CatalogFileError';
    this.file = file;
    this.issues = issues;
  }
}

export interface LoadedCatalog {
  /** All units of all regions, in file order. */
  units: CareUnit[];
  catalogs: ReadonlyMap<RegionId, RegionCatalog>;
  national: NationalRules;
  regions: ReadonlyMap<RegionId, RegionRules>;
  localities: Locality[];
}

function fieldPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(file)' : out;
}

/**
 * Parses YAML text and validates it against a schema. Throws CatalogFileError naming `file`, each bad
 * field and its line.
 */
export function parseResourceFile<S extends z.ZodType>(text: string, file: string, schema: S): z.output<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    throw new CatalogFileError(
      file,
      doc.errors.map((error) => ({
        field: '(file)',
        problem: `not valid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
        line: error.linePos?.[0]?.line,
      })),
    );
  }
  const data: unknown = doc.toJS();
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const lineOf = (segments: readonly PropertyKey[]): number | undefined => {
    for (let n = segments.length; n >= 0; n--) {
      const node = doc.getIn(segments.slice(0, n) as unknown[], true) as
        { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const unitLabel = (segments: readonly PropertyKey[]): string => {
    if (segments[0] !== 'units' || typeof segments[1] !== 'number') return '';
    const units = (data as { units?: unknown[] })?.units;
    const unit = Array.isArray(units)
      ? (units[segments[1]] as { hsaId?: unknown; name?: unknown })
      : undefined;
    const label =
      typeof unit?.name === 'string' ? unit.name : typeof unit?.hsaId === 'string' ? unit.hsaId : '';
    return label ? ` (unit "${label}")` : '';
  };
  throw new CatalogFileError(
    file,
    result.error.issues.map((issue) => ({
      field: fieldPath(issue.path),
      problem: `${issue.message}${unitLabel(issue.path)}`,
      line: lineOf(issue.path),
    })),
  );
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
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

async function yamlFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort();
  } catch {
    throw new CatalogFileError(dir, [{ field: '(folder)', problem: 'folder not found or not readable' }]);
  }
}

function regionOfFile(file: string): RegionId {
  const base = path.basename(file, '.yaml');
  if (!(REGION_IDS as readonly string[]).includes(base)) {
    throw new CatalogFileError(file, [
      {
        field: '(file name)',
        problem: `"${base}" is not a region id; name the file after one of ${REGION_IDS.join(', ')}`,
      },
    ]);
  }
  return base as RegionId;
}

export async function loadRegionCatalog(file: string): Promise<RegionCatalog> {
  const region = regionOfFile(file);
  const catalog = parseResourceFile(await readText(file), file, regionCatalogSchema);
  if (catalog.regionId !== region) {
    throw new CatalogFileError(file, [
      { field: 'regionId', problem: `says ${catalog.regionId} but the file is named after ${region}` },
    ]);
  }
  return catalog;
}

export async function loadNationalRules(file: string): Promise<NationalRules> {
  return parseResourceFile(await readText(file), file, nationalRulesSchema);
}

export async function loadRegionRules(file: string): Promise<RegionRules> {
  const region = regionOfFile(file);
  const rules = parseResourceFile(await readText(file), file, regionRulesSchema);
  if (rules.regionId !== region) {
    throw new CatalogFileError(file, [
      { field: 'regionId', problem: `says ${rules.regionId} but the file is named after ${region}` },
    ]);
  }
  return rules;
}

export async function loadLocalities(file: string): Promise<Locality[]> {
  const table: LocalitiesFile = parseResourceFile(await readText(file), file, localitiesFileSchema);
  return table.localities;
}

/**
 * Loads and cross-checks everything under `resourcesDir`: HSA-ids unique across regions, and unit
 * overrides in the regional rules naming units that exist in that region's catalog.
 */
export async function loadCatalog(resourcesDir: string): Promise<LoadedCatalog> {
  const catalogDir = path.join(resourcesDir, 'catalog');
  const rulesDir = path.join(resourcesDir, 'regions');

  const catalogs = new Map<RegionId, RegionCatalog>();
  const units: CareUnit[] = [];
  const ownerOf = new Map<string, string>();
  for (const name of await yamlFiles(catalogDir)) {
    if (name === 'localities.yaml') continue;
    const file = path.join(catalogDir, name);
    const catalog = await loadRegionCatalog(file);
    catalog.units.forEach((unit, index) => {
      const owner = ownerOf.get(unit.hsaId);
      if (owner) {
        throw new CatalogFileError(file, [
          { field: `units[${index}].hsaId`, problem: `HSA-id ${unit.hsaId} is already used in ${owner}` },
        ]);
      }
      ownerOf.set(unit.hsaId, file);
    });
    catalogs.set(catalog.regionId, catalog);
    units.push(...catalog.units);
  }

  const national = await loadNationalRules(path.join(rulesDir, 'national.yaml'));
  const regions = new Map<RegionId, RegionRules>();
  for (const name of await yamlFiles(rulesDir)) {
    if (name === 'national.yaml') continue;
    const file = path.join(rulesDir, name);
    const rules = await loadRegionRules(file);
    const known = new Set((catalogs.get(rules.regionId)?.units ?? []).map((unit) => unit.hsaId));
    const unknown = Object.keys(rules.units ?? {}).filter((hsaId) => !known.has(hsaId));
    if (unknown.length > 0) {
      throw new CatalogFileError(
        file,
        unknown.map((hsaId) => ({
          field: `units.${hsaId}`,
          problem: `no unit with this HSA-id in the ${rules.regionId} catalog`,
        })),
      );
    }
    regions.set(rules.regionId, rules);
  }

  const localities = await loadLocalities(path.join(catalogDir, 'localities.yaml'));
  return { units, catalogs, national, regions, localities };
}
