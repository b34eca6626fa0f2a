// Reads the catalog a nurse is served (her region and its neighbours, rule layers, localities) and changes unit capacity.
import { sql } from 'kysely';
import type {
  CatalogChangedResponse,
  CatalogRegion,
  CatalogResponse,
} from '../../../core/backend-api/catalog';
import {
  REGION_NAMES,
  type Capacity,
  type CapacityStatus,
  type CareUnit,
  type RegionId,
} from '../../../core/referral/catalog';
import type { Locality } from '../../../core/referral/localities';
import type { NationalRules, RegionRules } from '../../../core/referral/regionConfig';
import type { BackendDb } from '../db/schema';
import { regionsServedTo } from './neighbours';

interface ServedVersions {
  /** Regions served that have a catalog, own region first. */
  regions: { regionId: RegionId; version: number; resourceVersion: number }[];
  /** Newest rule version per layer id ("national", region ids). */
  rules: Map<string, number>;
  localitiesVersion: number | null;
  token: string;
}

async function servedVersions(db: BackendDb, regionId: RegionId): Promise<ServedVersions> {
  const served = regionsServedTo(regionId);
  const [regionRows, ruleRows, localities] = await Promise.all([
    db
      .selectFrom('catalog_region')
      .select(['region_id', 'version', 'resource_version'])
      .where('region_id', 'in', served)
      .execute(),
    db
      .selectFrom('referral_rule_layer')
      .select(['layer_id', sql<number>`max(version)`.as('version')])
      .where('layer_id', 'in', ['national', ...served])
      .groupBy('layer_id')
      .execute(),
    db.selectFrom('catalog_localities').select('version').where('id', '=', 'current').executeTakeFirst(),
  ]);
  const byRegion = new Map(regionRows.map((row) => [row.region_id, row]));
  const regions = served.flatMap((id) => {
    const row = byRegion.get(id);
    return row ? [{ regionId: id, version: Number(row.version), resourceVersion: row.resource_version }] : [];
  });
  const rules = new Map(ruleRows.map((row) => [row.layer_id, Number(row.version)]));
  const localitiesVersion = localities?.version ?? null;
  // Readable and deterministic: every input of the answer with its version, so any change changes it.
  const token = [
    `for=${regionId}`,
    `c=${regions.map((r) => `${r.regionId}:${r.version}`).join(',')}`,
    `r=${['national', ...served]
      .filter((id) => rules.has(id))
      .map((id) => `${id}:${rules.get(id)}`)
      .join(',')}`,
    `l=${localitiesVersion ?? 0}`,
  ].join(';');
  return { regions, rules, localitiesVersion, token };
}

export class CatalogNotLoadedError extends Error {
  override name = 'CatalogNotLoadedError';
}

function capacityOf(row: { status: CapacityStatus; expires_at: Date | null; set_by: string }): Capacity {
  return {
    status: row.status,
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at).toISOString(),
    setBy: row.set_by,
  };
}

/**
 * The catalog for a nurse of `regionId`, or "unchanged" when `knownVersion` is still current. Throws
 * CatalogNotLoadedError when the region, the national rules or the localities have not been seeded.
 */
export async function readServedCatalog(
  db: BackendDb,
  regionId: RegionId,
  knownVersion: string | undefined,
  now: Date,
): Promise<CatalogResponse> {
  const versions = await servedVersions(db, regionId);
  if (versions.regions[0]?.regionId !== regionId) {
    throw new CatalogNotLoadedError(`The service catalog of ${REGION_NAMES[regionId]} has not been loaded.`);
  }
  if (!versions.rules.has('national') || versions.localitiesVersion === null) {
    throw new CatalogNotLoadedError(
      'The national referral rules or the locality table have not been loaded.',
    );
  }
  if (knownVersion === versions.token) return { status: 'unchanged', version: versions.token, regionId };

  const regionIds = versions.regions.map((r) => r.regionId);
  const [units, capacities, layers, localities] = await Promise.all([
    db
      .selectFrom('care_unit')
      .select(['hsa_id', 'region_id', 'document'])
      .where('region_id', 'in', regionIds)
      .orderBy('region_id')
      .orderBy('hsa_id')
      .execute(),
    db
      .selectFrom('unit_capacity')
      .innerJoin('care_unit', 'care_unit.hsa_id', 'unit_capacity.hsa_id')
      .select(['unit_capacity.hsa_id', 'status', 'expires_at', 'set_by'])
      .where('care_unit.region_id', 'in', regionIds)
      .execute(),
    db
      .selectFrom('referral_rule_layer')
      .select(['layer_id', 'version', 'document'])
      .where((eb) =>
        eb.or(
          [...versions.rules].map(([layerId, version]) =>
            eb.and([eb('layer_id', '=', layerId), eb('version', '=', version)]),
          ),
        ),
      )
      .execute(),
    db
      .selectFrom('catalog_localities')
      .select('document')
      .where('id', '=', 'current')
      .executeTakeFirstOrThrow(),
  ]);

  const capacityByUnit = new Map(capacities.map((row) => [row.hsa_id, capacityOf(row)]));
  const unitsByRegion = new Map<string, CareUnit[]>();
  for (const row of units) {
    const unit = {
      ...(row.document as Omit<CareUnit, 'capacity'>),
      capacity: capacityByUnit.get(row.hsa_id) ?? null,
    };
    const list = unitsByRegion.get(row.region_id) ?? [];
    list.push(unit);
    unitsByRegion.set(row.region_id, list);
  }
  const regions: CatalogRegion[] = versions.regions.map((r) => ({
    regionId: r.regionId,
    name: REGION_NAMES[r.regionId],
    version: r.version,
    resourceVersion: r.resourceVersion,
    neighbour: r.regionId !== regionId,
    units: unitsByRegion.get(r.regionId) ?? [],
  }));
  const layerDocument = (layerId: string) => layers.find((layer) => layer.layer_id === layerId)?.document;
  const served = new Set<string>(regionIds);
  const response: CatalogChangedResponse = {
    status: 'changed',
    version: versions.token,
    regionId,
    generatedAt: now.toISOString(),
    regions,
    rules: {
      national: layerDocument('national') as NationalRules,
      regions: regionIds.flatMap((id) => {
        const document = layerDocument(id);
        return document === undefined ? [] : [document as RegionRules];
      }),
    },
    localities: {
      version: versions.localitiesVersion,
      localities: (localities.document as Locality[]).filter((locality) => served.has(locality.regionId)),
    },
  };
  return response;
}

/** The unit's region, or undefined when no unit has this HSA-id. */
export async function unitRegion(db: BackendDb, hsaId: string): Promise<RegionId | undefined> {
  const row = await db
    .selectFrom('care_unit')
    .select('region_id')
    .where('hsa_id', '=', hsaId)
    .executeTakeFirst();
  return row?.region_id as RegionId | undefined;
}

export interface CapacityChange {
  hsaId: string;
  /** Null clears the status (back to unknown). */
  status: CapacityStatus | null;
  expiresAt: Date | null;
  setBy: string;
  now: Date;
}

export interface CapacityChangeOutcome {
  regionId: RegionId;
  capacity: Capacity | null;
  catalogVersion: number;
}

/** Sets or clears a unit's capacity, records who did it, and bumps its region's catalog version (one transaction). */
export async function changeUnitCapacity(
  db: BackendDb,
  change: CapacityChange,
): Promise<CapacityChangeOutcome | null> {
  return db.transaction().execute(async (trx) => {
    const unit = await trx
      .selectFrom('care_unit')
      .select('region_id')
      .where('hsa_id', '=', change.hsaId)
      .executeTakeFirst();
    if (!unit) return null;
    if (change.status === null) {
      await trx.deleteFrom('unit_capacity').where('hsa_id', '=', change.hsaId).execute();
    } else {
      const row = {
        status: change.status,
        expires_at: change.expiresAt,
        set_by: change.setBy,
        set_at: change.now,
      };
      await trx
        .insertInto('unit_capacity')
        .values({ hsa_id: change.hsaId, ...row })
        .onConflict((conflict) => conflict.column('hsa_id').doUpdateSet(row))
        .execute();
    }
    await trx
      .insertInto('unit_capacity_history')
      .values({
        hsa_id: change.hsaId,
        region_id: unit.region_id,
        status: change.status,
        expires_at: change.expiresAt,
        set_by: change.setBy,
        set_at: change.now,
      })
      .execute();
    const bumped = await trx
      .updateTable('catalog_region')
      .set({ version: sql`version + 1`, updated_at: change.now })
      .where('region_id', '=', unit.region_id)
      .returning('version')
      .executeTakeFirstOrThrow();
    return {
      regionId: unit.region_id as RegionId,
      capacity:
        change.status === null
          ? null
          : capacityOf({ status: change.status, expires_at: change.expiresAt, set_by: change.setBy }),
      catalogVersion: Number(bumped.version),
    };
  });
}
