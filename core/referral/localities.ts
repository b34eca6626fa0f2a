// Placing the patient: looks up a locality by postcode or town name to get coordinates for the ranking.
import { z } from 'zod';
import { foldText } from '../text/fold';
import { geoPointSchema, regionIdSchema, type GeoPoint, type RegionId } from './catalog';

export const localitySchema = z
  .object({
    name: z.string().trim().min(1, 'name must not be empty'),
    municipality: z.string().trim().min(1, 'municipality must not be empty'),
    regionId: regionIdSchema,
    /** First 3–5 digits of the postcodes in the locality; the longest matching prefix wins. */
    postcodePrefixes: z
      .array(z.string().regex(/^\d{3,5}$/, 'a postcode prefix is 3 to 5 digits, e.g. "791"'))
      .min(1, 'give at least one postcode prefix'),
    location: geoPointSchema,
  })
  .strict();
export type Locality = z.output<typeof localitySchema>;

export const localitiesFileSchema = z
  .object({
    version: z.number().int().positive('version must be a positive whole number'),
    localities: z.array(localitySchema).min(1, 'list at least one locality'),
  })
  .strict();
export type LocalitiesFile = z.output<typeof localitiesFileSchema>;

export type PatientLocation =
  | {
      found: true;
      locality: Locality;
      location: GeoPoint;
      regionId: RegionId;
      matchedBy: 'postcode' | 'name';
      /** Other localities the query also matched (a name prefix shared by several towns). */
      alternatives: Locality[];
    }
  | { found: false; reason: { sv: string; en: string } };

/** Lower-case, single spaces, Swedish letters kept (NFC), so "ÖREBRO" and "örebro" match. */
function normalise(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('sv-SE').replace(/\s+/g, ' ').trim();
}

/** Also without diacritics, for callers typed on a keyboard without å, ä, ö ("Orebro", "Vaxjo"). */
function fold(text: string): string {
  return foldText(normalise(text), { marks: 'combining' });
}

/**
 * Finds where the patient is from a postcode ("791 31", "79131") or a locality name ("Mora", "örnsköldsvik",
 * "Ornskoldsvik", or the start of a name). A postcode wins over names; among names an exact match wins
 * over a match without å/ä/ö, which wins over a prefix.
 */
export function locatePatient(localities: readonly Locality[], query: string): PatientLocation {
  if (typeof query !== 'string' || query.trim() === '') {
    return {
      found: false,
      reason: { sv: 'Skriv ett postnummer eller en ort.', en: 'Enter a postcode or a locality.' },
    };
  }
  const compact = query.replace(/[\s-]/g, '');
  if (/^\d+$/.test(compact)) {
    if (compact.length !== 5 && compact.length !== 3) {
      return {
        found: false,
        reason: {
          sv: `"${query.trim()}" är inget postnummer: skriv fem siffror, t.ex. 791 31.`,
          en: `"${query.trim()}" is not a postcode: use five digits, e.g. 791 31.`,
        },
      };
    }
    let best: { locality: Locality; length: number } | null = null;
    for (const locality of localities) {
      for (const prefix of locality.postcodePrefixes) {
        if (compact.startsWith(prefix) && (!best || prefix.length > best.length)) {
          best = { locality, length: prefix.length };
        }
      }
    }
    if (!best) {
      return {
        found: false,
        reason: {
          sv: `Postnumret ${query.trim()} finns inte i ortstabellen för regionerna.`,
          en: `Postcode ${query.trim()} is not in the locality table of the regions.`,
        },
      };
    }
    return found(best.locality, 'postcode', []);
  }

  const wanted = normalise(query);
  const exact = localities.filter((l) => normalise(l.name) === wanted);
  if (exact.length > 0) return found(exact[0]!, 'name', exact.slice(1));
  const folded = fold(query);
  const withoutDiacritics = localities.filter((l) => fold(l.name) === folded);
  if (withoutDiacritics.length > 0) return found(withoutDiacritics[0]!, 'name', withoutDiacritics.slice(1));
  const prefixed = localities
    .filter((l) => normalise(l.name).startsWith(wanted) || fold(l.name).startsWith(folded))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv-SE'));
  if (prefixed.length > 0) return found(prefixed[0]!, 'name', prefixed.slice(1));
  return {
    found: false,
    reason: {
      sv: `Orten "${query.trim()}" finns inte i ortstabellen. Prova postnumret.`,
      en: `Locality "${query.trim()}" is not in the locality table. Try the postcode.`,
    },
  };
}

function found(
  locality: Locality,
  matchedBy: 'postcode' | 'name',
  alternatives: Locality[],
): PatientLocation {
  return {
    found: true,
    locality,
    location: locality.location,
    regionId: locality.regionId,
    matchedBy,
    alternatives,
  };
}
