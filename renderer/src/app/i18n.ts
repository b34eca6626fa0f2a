// i18next set-up: Swedish by default, English second; all UI text comes from the locale files.
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { sv } from './locales/sv';
import { en } from './locales/en';

export const i18n: I18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { sv: { translation: sv }, en: { translation: en } },
  lng: 'sv',
  fallbackLng: 'sv',
  interpolation: { escapeValue: false },
});
