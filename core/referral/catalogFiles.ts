// Turns the text of the catalog, rules and locality files into validated data, or a precise error.
//
// Pure (no file access) so that both the workstation (main/services/catalog) and the regional backend's
// seed can use it: each reads the files its own way and hands the texts here. A broken file is refused
// as a whole with an error naming the file, the field and the line, so nothing half-valid reaches the
// ranking.
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { REGION_IDS, regionCatalogSchema, type CareUnit, type RegionCatalog, type RegionId } from './catalog';
import { localitiesFileSchema, type Locality } from './localities';
import { nationalRulesSchema, regionRulesSchema, type NationalRules, type RegionRules } from './regionConfig';

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

/** A file's name (as given, for messages) and its text. */
export interface ResourceText {
  file: string;
  text: string;
}

/** The texts of all resource files: one catalog and at most one rules file per region. */
export interface CatalogTexts {
  catalogs: readonly ResourceText[];
  national: ResourceText;
  regions: readonly ResourceText[];
  localities: ResourceText;
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

/** The region a file is named after ("…/dalarna.yaml" → dalarna), or a CatalogFileError. */
export function regionOfFileName(file: string): RegionId {
  const base = file
    .split(/[\\/]/)
    .pop()!
    .replace(/\.yaml$/, '');
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

export function parseRegionCatalog({ file, text }: ResourceText): RegionCatalog {
  const region = regionOfFileName(file);
  const catalog = parseResourceFile(text, file, regionCatalogSchema);
  if (catalog.regionId !== region) {
    throw new CatalogFileError(file, [
      { field: 'regionId', problem: `says ${catalog.regionId} but the file is named after ${region}` },
    ]);
  }
  return catalog;
}

export function parseNationalRules({ file, text }: ResourceText): NationalRules {
  return parseResourceFile(text, file, nationalRulesSchema);
}

export function parseRegionRules({ file, text }: ResourceText): RegionRules {
  const region = regionOfFileName(file);
  const rules = parseResourceFile(text, file, regionRulesSchema);
  if (rules.regionId !== region) {
    throw new CatalogFileError(file, [
      { field: 'regionId', problem: `says ${rules.regionId} but the file is named after ${region}` },
    ]);
  }
  return rules;
}

export function parseLocalities({ file, text }: ResourceText): Locality[] {
  return parseResourceFile(text, file, localitiesFileSchema).localities;
}

/**
 * Validates all files and checks them against each other: each region once, HSA-ids unique across
 * regions, and unit overrides in the regional rules naming units of that region's catalog.
 */
export function buildCatalog(texts: CatalogTexts): LoadedCatalog {
  const catalogs = new Map<RegionId, RegionCatalog>();
  const units: CareUnit[] = [];
  const ownerOf = new Map<string, string>();
  for (const source of texts.catalogs) {
    const catalog = parseRegionCatalog(source);
    if (catalogs.has(catalog.regionId)) {
      throw new CatalogFileError(source.file, [
        { field: 'regionId', problem: `a second catalog for ${catalog.regionId}` },
      ]);
    }
    catalog.units.forEach((unit, index) => {
      const owner = ownerOf.get(unit.hsaId);
      if (owner) {
        throw new CatalogFileError(source.file, [
          { field: `units[${index}].hsaId`, problem: `HSA-id ${unit.hsaId} is already used in ${owner}` },
        ]);
      }
      ownerOf.set(unit.hsaId, source.file);
    });
    catalogs.set(catalog.regionId, catalog);
    units.push(...catalog.units);
  }

  const national = parseNationalRules(texts.national);
  const regions = new Map<RegionId, RegionRules>();
  for (const source of texts.regions) {
    const rules = parseRegionRules(source);
    if (regions.has(rules.regionId)) {
      throw new CatalogFileError(source.file, [
        { field: 'regionId', problem: `a second rules file for ${rules.regionId}` },
      ]);
    }
    const known = new Set((catalogs.get(rules.regionId)?.units ?? []).map((unit) => unit.hsaId));
    const unknown = Object.keys(rules.units ?? {}).filter((hsaId) => !known.has(hsaId));
    if (unknown.length > 0) {
      throw new CatalogFileError(
        source.file,
        unknown.map((hsaId) => ({
          field: `units.${hsaId}`,
          problem: `no unit with this HSA-id in the ${rules.regionId} catalog`,
        })),
      );
    }
    regions.set(rules.regionId, rules);
  }

  return { units, catalogs, national, regions, localities: parseLocalities(texts.localities) };
}
