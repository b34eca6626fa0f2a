// Bridge handlers for care units' capacity: the region's units with their status from the cached catalog, and setting or clearing a status through the backend.
import type { SignedInStaff } from '../../../core/api/bridge';
import {
  capacityExpiry,
  MAX_CAPACITY_VALIDITY_HOURS,
  type capacityMethods,
  type UnitCapacityView,
} from '../../../core/api/capacity';
import type { CapacityResponse } from '../../../core/backend-api/catalog';
import {
  CARE_TYPE_LABELS,
  CARE_TYPES,
  effectiveCapacity,
  REGION_NAMES,
  type CareUnit,
  type RegionId,
} from '../../../core/referral/catalog';
import { openingStatusAt } from '../../../core/referral/openingHours';
import { BridgeFailure, type BridgeHandlers } from '../bridge/dispatcher';
import type { NurseStore } from '../cases/nurseStore';
import type { ReferralBackend } from './catalogClient';
import type { ReferralCatalog } from './referralCatalog';
import { todayHours } from './views';

export type CapacityHandlers = Pick<BridgeHandlers, keyof typeof capacityMethods>;

export interface CapacityHandlerDeps {
  catalog: ReferralCatalog;
  stores: NurseStore;
  backend: ReferralBackend;
  now?: () => Date;
}

const HOUR_MS = 3_600_000;

/** Team leads and administrators may ask; the backend checks again (and knows the unit's region for sure). */
export function mayChangeCapacity(staff: SignedInStaff): boolean {
  return staff.roles.includes('team_lead') || staff.roles.includes('admin');
}

export function unitCapacityView(unit: CareUnit, at: Date): UnitCapacityView {
  return {
    hsaId: unit.hsaId,
    name: unit.name,
    careType: unit.careType,
    careTypeLabel: CARE_TYPE_LABELS[unit.careType],
    locality: unit.address.locality,
    todayHours: todayHours(unit.openingHours, at),
    openNow: openingStatusAt(unit.openingHours, at, 1).open,
    capacity: unit.capacity ? { ...unit.capacity } : null,
    state: effectiveCapacity(unit.capacity, at),
  };
}

/** Bilingual refusals: the message for logs and support, `sv`/`en` for the person at the screen. */
function refuse(
  code: 'forbidden' | 'invalid_arguments' | 'not_found',
  sv: string,
  en: string,
): BridgeFailure {
  return new BridgeFailure(code, en, { sv, en });
}

export function createCapacityHandlers(deps: CapacityHandlerDeps): CapacityHandlers {
  const now = deps.now ?? (() => new Date());

  async function requireChanger(): Promise<SignedInStaff> {
    const { staff } = await deps.stores.require();
    if (!mayChangeCapacity(staff)) {
      throw refuse(
        'forbidden',
        'Bara teamledare och administratörer kan ändra en enhets kapacitet.',
        'Only team leads and administrators can change a unit’s capacity.',
      );
    }
    return staff;
  }

  /** The unit in the cached catalog; refused early when it is plainly another region's (the backend would too). */
  function checkUnit(staff: SignedInStaff, hsaId: string): CareUnit | null {
    if (deps.catalog.status.state !== 'ready') return null;
    const unit = deps.catalog.require().units.find((candidate) => candidate.hsaId === hsaId) ?? null;
    if (!unit) {
      throw refuse(
        'not_found',
        `Enheten ${hsaId} finns inte i vårdkatalogen.`,
        `No care unit with HSA-id ${hsaId} in the catalog.`,
      );
    }
    if (!staff.roles.includes('admin') && unit.regionId !== staff.region.id) {
      const region = REGION_NAMES[unit.regionId];
      throw refuse(
        'forbidden',
        `${unit.name} hör till ${region}. Bara regionens egna teamledare kan ändra dess kapacitet.`,
        `${unit.name} belongs to ${region}; only its own team leads can change its capacity.`,
      );
    }
    return unit;
  }

  /** Brings the change into the cached catalog and answers with the unit as it now stands. */
  async function changed(answer: CapacityResponse, unit: CareUnit | null) {
    await deps.catalog.capacityChanged({ hsaId: answer.hsaId, capacity: answer.capacity });
    const at = now();
    const current =
      deps.catalog.status.state === 'ready'
        ? deps.catalog.require().units.find((candidate) => candidate.hsaId === answer.hsaId)
        : undefined;
    // The backend's answer is what holds, whatever the catalog managed to pick up.
    const base = current ?? unit;
    if (!base) {
      throw new BridgeFailure(
        'catalog_unavailable',
        'The capacity was changed, but the unit is not in the catalog on this workstation.',
      );
    }
    return {
      unit: unitCapacityView({ ...base, capacity: answer.capacity }, at),
      catalog: deps.catalog.status,
    };
  }

  return {
    'capacity.overview': async () => {
      const { staff } = await deps.stores.require();
      const status = deps.catalog.status;
      const at = now();
      const regionId = (status.regionId ?? null) as RegionId | null;
      const units =
        status.state === 'ready'
          ? deps.catalog
              .require()
              .response.regions.filter((region) => region.regionId === status.regionId)
              .flatMap((region) => region.units)
          : [];
      const order = (unit: CareUnit) => CARE_TYPES.indexOf(unit.careType);
      return {
        catalog: status,
        regionId,
        regionName: regionId ? REGION_NAMES[regionId] : null,
        canChange: mayChangeCapacity(staff),
        maxValidityHours: MAX_CAPACITY_VALIDITY_HOURS,
        at: at.toISOString(),
        units: [...units]
          .sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name, 'sv'))
          .map((unit) => unitCapacityView(unit, at)),
      };
    },

    'capacity.set': async ({ hsaId, status, validity }) => {
      const staff = await requireChanger();
      const at = now();
      const expiresAt = capacityExpiry(validity, at);
      if (expiresAt.getTime() <= at.getTime()) {
        throw refuse(
          'invalid_arguments',
          'Sluttiden har redan passerat. Välj en tid framåt.',
          'The end time has already passed; choose a time ahead.',
        );
      }
      if (expiresAt.getTime() > at.getTime() + MAX_CAPACITY_VALIDITY_HOURS * HOUR_MS) {
        throw refuse(
          'invalid_arguments',
          `En kapacitetsstatus gäller högst ${MAX_CAPACITY_VALIDITY_HOURS} timmar.`,
          `A capacity status holds for at most ${MAX_CAPACITY_VALIDITY_HOURS} hours.`,
        );
      }
      const unit = checkUnit(staff, hsaId);
      const answer = await deps.backend.setUnitCapacity(hsaId, {
        status,
        expiresAt: expiresAt.toISOString(),
      });
      return changed(answer, unit);
    },

    'capacity.clear': async ({ hsaId }) => {
      const staff = await requireChanger();
      const unit = checkUnit(staff, hsaId);
      const answer = await deps.backend.clearUnitCapacity(hsaId);
      return changed(answer, unit);
    },
  };
}
