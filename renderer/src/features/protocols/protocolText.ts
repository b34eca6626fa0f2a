// Shared wording for protocols on screen: the text in the current language and age ranges in plain words.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgeRange, LocalizedText } from '../../../../core/triage/protocol';
import { ageParts } from '../triage/age';

/** Picks the Swedish or English text of a protocol field for the current language. */
export function useLocalized(): (text: LocalizedText) => string {
  const { i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'sv';
  return useCallback((text: LocalizedText) => text[language], [language]);
}

/** An age in years (decimals) in plain words: "70 år", "3 mån", "2 veckor". */
export function useAgeText(): (years: number) => string {
  const { t } = useTranslation();
  return (years) => {
    const { unit, count } = ageParts(years);
    return t(`protocols.ageUnit.${unit}`, { count });
  };
}

/** "från 12 år", "under 3 mån", "2 år till under 12 år", "alla åldrar". */
export function useAgeRangeText(): (range: AgeRange | undefined) => string {
  const { t } = useTranslation();
  const age = useAgeText();
  return (range) => {
    if (!range || (range.min === undefined && range.max === undefined)) return t('protocols.age.all');
    if (range.min !== undefined && range.max !== undefined)
      return t('protocols.age.range', { min: age(range.min), max: age(range.max) });
    if (range.min !== undefined) return t('protocols.age.from', { min: age(range.min) });
    return t('protocols.age.under', { max: age(range.max!) });
  };
}
