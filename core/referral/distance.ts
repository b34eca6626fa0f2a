// Straight-line distance between two places on the earth (haversine), used to rank care units.
import type { GeoPoint } from './catalog';

/** Mean earth radius (IUGG). */
export const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in kilometres. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  return haversineKm(a.lat * RAD, a.lon * RAD, b.lat * RAD, b.lon * RAD);
}

/** Haversine on coordinates already in radians (the ranking precomputes them). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const sinLat = Math.sin((lat2 - lat1) / 2);
  const sinLon = Math.sin((lon2 - lon1) / 2);
  const h = sinLat * sinLat + Math.cos(lat1) * Math.cos(lat2) * sinLon * sinLon;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
