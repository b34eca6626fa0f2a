// The fallback when no unit fits: the nearest open unit of the region's fallback care types.
import { earliestVisitInFrame } from '../openingHours';
import type { ReferralLevel, ResolvedRegionRules } from '../regionConfig';
import { haversineKm } from '../distance';
import { fromStockholmFrame } from '../stockholmTime';
import { closingAfter, fitsAge, type CareUnitIndex, type PreparedUnit } from './careUnitIndex';
import type { ReferralFallback } from './contract';
import { fallbackReason } from './suggestionReasons';

export interface FallbackContext {
  now: Date;
  nowFrame: number;
  frameKey: string;
  stayMs: number;
  pLat: number;
  pLon: number;
  age: number | undefined;
  rules: ResolvedRegionRules;
  level: ReferralLevel;
  levelSv: string;
  levelEn: string;
}

/** Nearest unit of the first fallback care type that is open now for 30 minutes; red capacity only as a last resort. */
export function findFallback(index: CareUnitIndex, ctx: FallbackContext): ReferralFallback | null {
  const traced = ctx.rules.fallbackByLevel[ctx.level];
  const nowMs = ctx.now.getTime();
  for (const type of traced.value) {
    let best: { prepared: PreparedUnit; distance: number; red: boolean } | null = null;
    for (const prepared of index.prepared) {
      const unit = prepared.unit;
      if (unit.careType !== type) continue;
      if (prepared.hasAgeLimit && !fitsAge(prepared, ctx.age)) continue;
      if (unit.listedPatientsOnly) continue;
      const arrival = earliestVisitInFrame(
        prepared.schedule,
        ctx.nowFrame,
        ctx.nowFrame,
        ctx.stayMs,
        ctx.frameKey,
      );
      if (arrival === null) continue;
      const red =
        unit.capacity !== null && unit.capacity.status === 'red' && prepared.capacityExpiresMs > nowMs;
      const distance = haversineKm(ctx.pLat, ctx.pLon, prepared.latRad, prepared.lonRad);
      if (!best || (best.red && !red) || (best.red === red && distance < best.distance))
        best = { prepared, distance, red };
    }
    if (best) {
      const closesFrame = closingAfter(best.prepared.schedule, ctx.nowFrame, ctx.frameKey);
      const result: ReferralFallback = {
        unit: best.prepared.unit,
        distanceKm: best.distance,
        ruleSource: traced.source,
        reason: fallbackReason(type, best.distance, best.red, ctx.levelSv, ctx.levelEn),
      };
      if (closesFrame !== null) result.closesAt = fromStockholmFrame(new Date(closesFrame));
      return result;
    }
  }
  return null;
}
