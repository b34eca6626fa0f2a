// What choosing a care unit records in the case: the choice with its reasons (traceable to rule and catalog version) and the note's hänvisning.
import type { SuggestionView } from '../../../../core/api/referral';
import type { ReferralChoice } from '../../../../core/case/case';
import { hanvisningText } from './referralThunks';

const MANUAL_CHOICE_SV = 'Manuellt vald i katalogen av sjuksköterskan';

/** What a suggestion card, the fallback or a catalog search match knows of its unit. */
export interface ChoosableUnit {
  hsaId: string;
  name: string;
  careType: ReferralChoice['careType'];
  careTypeLabel: { sv: string };
  address: { street: string; locality: string };
  phone: string;
}

export function referralChoiceOf(
  unit: ChoosableUnit,
  reasonSv: string,
  chosenAt: string,
): { choice: ReferralChoice; hanvisning: string } {
  return {
    choice: {
      unitHsaId: unit.hsaId,
      unitName: unit.name,
      careType: unit.careType,
      reasonSv: reasonSv.slice(0, 2000),
      chosenAt,
    },
    hanvisning: hanvisningText({
      name: unit.name,
      careTypeSv: unit.careTypeLabel.sv,
      street: unit.address.street,
      locality: unit.address.locality,
      phone: unit.phone,
    }),
  };
}

const catalogPart = (catalogVersion: string | null | undefined) =>
  catalogVersion ? `Katalog: ${catalogVersion}` : null;

/** A suggestion's reasons as kept in the case, with the rule and catalog version behind them. */
export function suggestionReasonSv(suggestion: SuggestionView, catalogVersion: string | null | undefined) {
  const parts: (string | null)[] = suggestion.reasons.map((reason) => reason.sv);
  if (suggestion.ruleSource) {
    parts.push(`Regel: ${suggestion.ruleSource.label.sv} (${suggestion.ruleSource.path})`);
  }
  parts.push(catalogPart(catalogVersion));
  return parts.filter(Boolean).join('; ');
}

/** A unit the nurse picked herself from the catalog search. */
export function manualChoiceReasonSv(catalogVersion: string | null | undefined) {
  return [MANUAL_CHOICE_SV, catalogPart(catalogVersion)].filter(Boolean).join('; ');
}

/** The nearest emergency department offered when nothing else fits, with the rule that says so. */
export function fallbackReasonSv(fallback: {
  reason: { sv: string };
  ruleSource: { label: { sv: string }; path: string };
}) {
  return `${fallback.reason.sv}; Regel: ${fallback.ruleSource.label.sv} (${fallback.ruleSource.path})`;
}
