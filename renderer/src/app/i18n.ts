// i18next set-up: Swedish by default, English second; all UI text comes from the locale files.
//
// The shell's texts live in ./locales; each feature keeps its own texts beside its code
// (`features/<feature>/locales.ts` exporting `{ sv, en }`) and registers them in FEATURE_LOCALES,
// under its own key, so `t('triage.title')` reads `features/triage/locales.ts`.
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { sv } from './locales/sv';
import { en } from './locales/en';
import { syncLocales } from '../features/sync/locales';
import { protocolsLocales } from '../features/protocols/locales';
import { triageLocales } from '../features/triage/locales';
import { casesLocales } from '../features/cases/locales';
import { identificationLocales } from '../features/identification/locales';
import { notesLocales } from '../features/notes/locales';
import { referralLocales } from '../features/referral/locales';
import { callsLocales } from '../features/calls/locales';
import { offerAlertsLocales } from '../features/offerAlerts/locales';
import { presenceLocales } from '../features/presence/locales';
import { callbacksLocales } from '../features/callbacks/locales';
import { capacityLocales } from '../features/capacity/locales';
import { teamLeadLocales } from '../features/teamLead/locales';
import { queueOverviewLocales } from '../features/queueOverview/locales';

type FeatureLocale = { sv: Record<string, unknown>; en: Record<string, unknown> };

const FEATURE_LOCALES: Record<string, FeatureLocale> = {
  sync: syncLocales,
  protocols: protocolsLocales,
  triage: triageLocales,
  cases: casesLocales,
  identification: identificationLocales,
  notes: notesLocales,
  referral: referralLocales,
  calls: callsLocales,
  offerAlerts: offerAlertsLocales,
  presence: presenceLocales,
  callbacks: callbacksLocales,
  capacity: capacityLocales,
  teamLead: teamLeadLocales,
  queueOverview: queueOverviewLocales,
};

function withFeatures(language: 'sv' | 'en', base: Record<string, unknown>) {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, locale] of Object.entries(FEATURE_LOCALES)) merged[key] = locale[language];
  return merged;
}

export const i18n: I18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { sv: { translation: withFeatures('sv', sv) }, en: { translation: withFeatures('en', en) } },
  lng: 'sv',
  fallbackLng: 'sv',
  interpolation: { escapeValue: false },
});
