// Seeds the service catalog from the resource files at start-up: only what is missing, or older than the files.
//
// Safe on every start and from several instances at once (one transaction under an advisory lock).
// A region's units are replaced when its file has a newer version; capacity set by people is kept.
// Rule layers are kept in every version ever loaded (a referral names the version that produced it).
import { sql } from 'kysely';
import { canonicalJson } from '../../../core/case/canonical';
import type { CareUnit, RegionId } from '../../../core/referral/catalog';
import type { BackendDb } from '../db/schema';
import type { CatalogResources } from './resources';

/** Transaction advisory lock key held while seeding (any fixed number distinct from the migration lock). */
const CATALOG_SEED_LOCK_KEY = 46_617_274;

export interface CatalogSeedOutcome {
  /** Regions whose units were (re)loaded from their file. */
  regionsSeeded: RegionId[];
  /** Rule layers added, as "national v1", "skane v2". */
  ruleLayersAdded: string[];
  localitiesSeeded: boolean;
  /** Things an operator should know, e.g. a rules file changed without a new version. */
  warnings: string[];
}

/** The unit as stored: capacity lives in its own table, where people change it. */
function storedUnit(unit: CareUnit): string {
  const { capacity: _capacity, ...rest } = unit;
  return JSON.stringify(rest);
}

export async function seedCatalog(
  db: BackendDb,
  resources: CatalogResources,
  now: Date,
): Promise<CatalogSeedOutcome> {
  const outcome: CatalogSeedOutcome = {
    regionsSeeded: [],
    ruleLayersAdded: [],
    localitiesSeeded: false,
    warnings: [],
  };
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${sql.lit(CATALOG_SEED_LOCK_KEY)})`.execute(trx);

    const stored = new Map(
      (await trx.selectFrom('catalog_region').select(['region_id', 'resource_version']).execute()).map(
        (row) => [row.region_id, row.resource_version],
      ),
    );
    for (const [regionId, catalog] of resources.catalogs) {
      const storedVersion = stored.get(regionId);
      if (storedVersion !== undefined && storedVersion >= catalog.version) {
        if (storedVersion > catalog.version) {
          outcome.warnings.push(
            `the ${regionId} catalog in the database (v${storedVersion}) is newer than its file (v${catalog.version}); kept`,
          );
        }
        continue;
      }
      if (storedVersion === undefined) {
        await trx
          .insertInto('catalog_region')
          .values({ region_id: regionId, version: 1, resource_version: catalog.version, updated_at: now })
          .execute();
      } else {
        await trx
          .updateTable('catalog_region')
          .set({ version: sql`version + 1`, resource_version: catalog.version, updated_at: now })
          .where('region_id', '=', regionId)
          .execute();
      }
      const ids = catalog.units.map((unit) => unit.hsaId);
      let removal = trx.deleteFrom('care_unit').where('region_id', '=', regionId);
      if (ids.length > 0) removal = removal.where('hsa_id', 'not in', ids);
      await removal.execute();
      if (catalog.units.length > 0) {
        await trx
          .insertInto('care_unit')
          .values(
            catalog.units.map((unit) => ({
              hsa_id: unit.hsaId,
              region_id: regionId,
              name: unit.name,
              care_type: unit.careType,
              document: storedUnit(unit),
              updated_at: now,
            })),
          )
          .onConflict((conflict) =>
            conflict.column('hsa_id').doUpdateSet((eb) => ({
              region_id: eb.ref('excluded.region_id'),
              name: eb.ref('excluded.name'),
              care_type: eb.ref('excluded.care_type'),
              document: eb.ref('excluded.document'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
      // A capacity written in the file is a starting state; one already set by a person is kept.
      const withCapacity = catalog.units.filter((unit) => unit.capacity !== null);
      for (const unit of withCapacity) {
        const capacity = unit.capacity!;
        const expiresAt = capacity.expiresAt === null ? null : new Date(capacity.expiresAt);
        const inserted = await trx
          .insertInto('unit_capacity')
          .values({
            hsa_id: unit.hsaId,
            status: capacity.status,
            expires_at: expiresAt,
            set_by: capacity.setBy,
            set_at: now,
          })
          .onConflict((conflict) => conflict.column('hsa_id').doNothing())
          .returning('hsa_id')
          .executeTakeFirst();
        if (inserted) {
          await trx
            .insertInto('unit_capacity_history')
            .values({
              hsa_id: unit.hsaId,
              region_id: regionId,
              status: capacity.status,
              expires_at: expiresAt,
              set_by: capacity.setBy,
              set_at: now,
            })
            .execute();
        }
      }
      outcome.regionsSeeded.push(regionId);
    }

    const layers: { layerId: string; layer: 'national' | 'region'; version: number; document: unknown }[] = [
      {
        layerId: 'national',
        layer: 'national',
        version: resources.national.version,
        document: resources.national,
      },
      ...[...resources.regions.values()].map((rules) => ({
        layerId: rules.regionId,
        layer: 'region' as const,
        version: rules.version,
        document: rules,
      })),
    ];
    for (const layer of layers) {
      const existing = await trx
        .selectFrom('referral_rule_layer')
        .select('document')
        .where('layer_id', '=', layer.layerId)
        .where('version', '=', layer.version)
        .executeTakeFirst();
      if (existing) {
        if (canonicalJson(existing.document) !== canonicalJson(layer.document)) {
          outcome.warnings.push(
            `the ${layer.layerId} rules file changed but still says version ${layer.version}; ` +
              'the stored version is kept: give the changed rules a new version',
          );
        }
        continue;
      }
      await trx
        .insertInto('referral_rule_layer')
        .values({
          layer_id: layer.layerId,
          version: layer.version,
          layer: layer.layer,
          document: JSON.stringify(layer.document),
          loaded_at: now,
        })
        .execute();
      outcome.ruleLayersAdded.push(`${layer.layerId} v${layer.version}`);
    }

    const localities = await trx
      .selectFrom('catalog_localities')
      .select('version')
      .where('id', '=', 'current')
      .executeTakeFirst();
    if (!localities || localities.version < resources.localitiesVersion) {
      const document = JSON.stringify(resources.localities);
      await trx
        .insertInto('catalog_localities')
        .values({ id: 'current', version: resources.localitiesVersion, document, loaded_at: now })
        .onConflict((conflict) =>
          conflict
            .column('id')
            .doUpdateSet({ version: resources.localitiesVersion, document, loaded_at: now }),
        )
        .execute();
      outcome.localitiesSeeded = true;
    }
  });
  return outcome;
}
