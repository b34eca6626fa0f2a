// Which regions' units a nurse's catalog includes: her own region and the neighbouring demo regions across its borders.
//
// A caller near a county border is often closest to a unit in the next region, and regions refer across
// borders by agreement. Only land borders between the ten demo regions are listed; Gotland has none.
import { REGION_IDS, type RegionId } from '../../../core/referral/catalog';

export const CATALOG_NEIGHBOURS: Readonly<Record<RegionId, readonly RegionId[]>> = {
  dalarna: ['orebro'],
  gotland: [],
  jonkoping: ['kronoberg', 'kalmar', 'ostergotland'],
  kalmar: ['kronoberg', 'jonkoping', 'ostergotland'],
  kronoberg: ['skane', 'jonkoping', 'kalmar'],
  skane: ['kronoberg'],
  uppsala: [],
  vasternorrland: [],
  orebro: ['dalarna', 'ostergotland'],
  ostergotland: ['jonkoping', 'kalmar', 'orebro'],
};

export function isCatalogRegion(regionId: string): regionId is RegionId {
  return (REGION_IDS as readonly string[]).includes(regionId);
}

/** The regions whose units are served to a nurse of `regionId`: her own first, then its neighbours. */
export function regionsServedTo(regionId: RegionId): RegionId[] {
  return [regionId, ...CATALOG_NEIGHBOURS[regionId]];
}

/** The regions whose nurses see `regionId`'s units (itself and every region that lists it as neighbour). */
export function audienceOf(regionId: RegionId): RegionId[] {
  return REGION_IDS.filter((other) => other === regionId || CATALOG_NEIGHBOURS[other].includes(regionId));
}
