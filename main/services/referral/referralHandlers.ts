// Bridge handlers for referral: catalog state, placing the patient, suggestions for the case's disposition, manual search, the receipt as PDF and SMS.
import {
  referralDispositionOf,
  type referralMethods,
  type SuggestResult,
  type UnitMatch,
} from '../../../core/api/referral';
import type { SignedInStaff } from '../../../core/api/bridge';
import type { Case } from '../../../core/case/case';
import {
  CARE_TYPE_LABELS,
  effectiveCapacity,
  type CareUnit,
  type GeoPoint,
} from '../../../core/referral/catalog';
import { distanceKm } from '../../../core/referral/distance';
import { locatePatient } from '../../../core/referral/localities';
import { openingStatusAt } from '../../../core/referral/openingHours';
import { rankCareUnits, ReferralInputError } from '../../../core/referral/rank';
import { RULE_PERIOD_LABELS, resolveRegionRules } from '../../../core/referral/regionConfig';
import { toStockholmWallClock } from '../../../core/referral/stockholmTime';
import { foldText } from '../../../core/text/fold';
import { BridgeFailure, type BridgeHandlers } from '../bridge/dispatcher';
import { adviceCareUnitHsaId, responsibleOf } from '../cases/caseHandlers';
import { withStoreErrors } from '../cases/bridgeErrors';
import type { NurseStore } from '../cases/nurseStore';
import type { WorkstationStore } from '../store';
import type { ReferralBackend } from './catalogClient';
import { buildReceipt, receiptPdf, receiptSmsText } from './receipt';
import type { ReferralCatalog } from './referralCatalog';
import { exclusionViews, fallbackView, localityView, suggestionView, unitView } from './views';

export type ReferralHandlers = Pick<BridgeHandlers, keyof typeof referralMethods>;

export interface ReferralHandlerDeps {
  catalog: ReferralCatalog;
  stores: NurseStore;
  backend: ReferralBackend;
  now?: () => Date;
  /** The care unit the access log names (the region's advice service by default). */
  careUnitFor?: (staff: SignedInStaff) => string;
  /** Marks receipts as demo content (default true: the demo catalog is not clinically validated). */
  demo?: boolean;
}

/** Lower case without diacritics, so "malmo" finds Malmö and "narakut" finds Närakut. */
function fold(text: string): string {
  return foldText(text, { marks: 'combining' });
}

/** How well a unit matches the typed words: lower is better, null is no match. */
function matchRank(unit: CareUnit, words: readonly string[]): number | null {
  if (words.length === 0) return 3;
  const name = fold(unit.name);
  const label = CARE_TYPE_LABELS[unit.careType];
  const haystack = [
    name,
    fold(unit.address.locality),
    fold(unit.address.street),
    unit.address.postcode.replace(/\s/g, ''),
    fold(label.sv),
    fold(label.en),
    unit.careType,
  ].join(' ');
  if (!words.every((word) => haystack.includes(word))) return null;
  const first = words[0]!;
  if (name.startsWith(first)) return 0;
  if (name.split(/[\s()-]+/).some((part) => part.startsWith(first))) return 1;
  if (fold(unit.address.locality).startsWith(first)) return 2;
  return 3;
}

function timestamp(at: Date): string {
  const w = toStockholmWallClock(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${pad(w.month)}-${pad(w.day)}-${pad(w.hour)}${pad(w.minute)}`;
}

export function createReferralHandlers(deps: ReferralHandlerDeps): ReferralHandlers {
  const now = deps.now ?? (() => new Date());
  const careUnitFor = deps.careUnitFor ?? adviceCareUnitHsaId;

  function requireCase(store: WorkstationStore, caseId: string): Case {
    const found = store.getCase(caseId);
    if (!found) throw new BridgeFailure('not_found', `No case with id ${caseId} on this workstation.`);
    return found;
  }

  /** The receipt of a case, refused with receipt_incomplete when the note lacks what it needs. */
  async function receiptOf(caseId: string) {
    const { store, staff } = await deps.stores.require();
    const record = requireCase(store, caseId);
    const notes = withStoreErrors(() => store.listNotes(caseId));
    const hsaId = record.referral?.unitHsaId;
    // The unit's address and hours come from the catalog when it is here; the name is in the case anyway.
    let unit: CareUnit | null = null;
    if (hsaId !== undefined && deps.catalog.status.state === 'ready') {
      unit = deps.catalog.require().units.find((candidate) => candidate.hsaId === hsaId) ?? null;
    }
    const at = now();
    const receipt = buildReceipt({ record, notes, unit, now: at, demo: deps.demo ?? true });
    return { receipt, store, staff, at };
  }

  return {
    'referral.catalogStatus': () => deps.catalog.status,

    'referral.refreshCatalog': () => deps.catalog.refresh(),

    'referral.locate': ({ query }) => {
      const located = locatePatient(deps.catalog.require().localities, query);
      if (!located.found) return { found: false, reason: located.reason };
      return {
        found: true,
        locality: localityView(located.locality),
        matchedBy: located.matchedBy,
        alternatives: located.alternatives.map(localityView),
      };
    },

    'referral.suggest': async (args) => {
      const { store } = await deps.stores.require();
      const record = requireCase(store, args.caseId);
      const disposition = referralDispositionOf(record.triage);
      if (!disposition) {
        throw new BridgeFailure(
          'no_disposition',
          'The case has no disposition yet: answer a triage protocol first.',
        );
      }
      const catalog = deps.catalog.require();
      const at = args.at === undefined ? now() : new Date(args.at);
      // The patient's region's rules when the catalog carries them (a caller across the border), else the nurse's.
      const rulesRegionId =
        args.regionId !== undefined && catalog.rulesByRegion.has(args.regionId)
          ? args.regionId
          : catalog.regionId;
      const rules = resolveRegionRules(
        catalog.national,
        catalog.rulesByRegion.get(rulesRegionId) ?? null,
        at,
      );
      let result;
      try {
        result = rankCareUnits({
          units: catalog.index,
          rules,
          disposition: {
            level: disposition.level,
            ...(disposition.careLevel === null ? {} : { careLevel: disposition.careLevel }),
          },
          patient: {
            location: args.location,
            ...(args.ageYears === undefined ? {} : { ageYears: args.ageYears }),
            ...(args.needs === undefined ? {} : { needs: args.needs }),
          },
          now: at,
          limit: args.limit,
        });
      } catch (error) {
        if (error instanceof ReferralInputError) throw new BridgeFailure('invalid_arguments', error.message);
        throw error;
      }
      const answer: SuggestResult = {
        disposition,
        rulesRegionId: rules.regionId,
        rulesRegionName: rules.regionName,
        period: rules.period,
        periodLabel: RULE_PERIOD_LABELS[rules.period],
        at: at.toISOString(),
        suggestions: result.suggestions.map((suggestion) => suggestionView(suggestion, at)),
        fallback: result.fallback ? fallbackView(result.fallback, at) : null,
        notice: result.notice,
        eligibleCount: result.eligibleCount,
        // Counted without building the list, which only the "Visa uteslutna" toggle asks for.
        excludedCount: disposition.level === 6 ? 0 : catalog.units.length - result.eligibleCount,
        excluded: args.includeExcluded ? exclusionViews(result.excluded, args.location) : null,
        catalog: deps.catalog.status,
      };
      return answer;
    },

    'referral.search': ({ query, careType, location, at: atText, limit }) => {
      const catalog = deps.catalog.require();
      const at = atText === undefined ? now() : new Date(atText);
      const words = fold(query).split(/\s+/).filter(Boolean);
      const matches: { unit: CareUnit; rank: number; distance: number | null }[] = [];
      for (const unit of catalog.units) {
        if (careType !== undefined && unit.careType !== careType) continue;
        const rank = matchRank(unit, words);
        if (rank === null) continue;
        matches.push({
          unit,
          rank,
          distance: location ? distanceKm(location as GeoPoint, unit.location) : null,
        });
      }
      matches.sort(
        (a, b) =>
          a.rank - b.rank ||
          (a.distance ?? 0) - (b.distance ?? 0) ||
          a.unit.name.localeCompare(b.unit.name, 'sv'),
      );
      const units = matches.slice(0, limit).map(({ unit, distance }): UnitMatch => {
        const status = openingStatusAt(unit.openingHours, at, 8);
        return {
          unit: unitView(unit, at),
          distanceKm: distance,
          openNow: status.open,
          opensAt: status.opensAt?.toISOString() ?? null,
          closesAt: status.closesAt?.toISOString() ?? null,
          capacity: effectiveCapacity(unit.capacity, at),
        };
      });
      return { units };
    },

    'referral.receiptPdf': async ({ caseId }) => {
      const { receipt, store, staff, at } = await receiptOf(caseId);
      const bytes = await receiptPdf(receipt);
      // Handing the patient a copy of the record is a disclosure: logged like any other access.
      withStoreErrors(() =>
        store.logAccess({
          actor: responsibleOf(staff),
          careUnitHsaId: careUnitFor(staff),
          caseId,
          action: 'print-receipt',
        }),
      );
      return {
        fileName: `hanvisningskvitto-${timestamp(at)}.pdf`,
        mimeType: 'application/pdf' as const,
        base64: Buffer.from(bytes).toString('base64'),
        byteLength: bytes.byteLength,
      };
    },

    'referral.sendReceiptSms': async ({ caseId, phone }) => {
      const { receipt, store, staff } = await receiptOf(caseId);
      const sent = await deps.backend.sendReceiptSms(phone, receiptSmsText(receipt));
      withStoreErrors(() =>
        store.logAccess({
          actor: responsibleOf(staff),
          careUnitHsaId: careUnitFor(staff),
          caseId,
          action: 'send-receipt',
        }),
      );
      return sent;
    },
  };
}
