// Wording the call's findings once for the record and the note: fixed order, "unknown" and "none" apart, values as the fields show them.
import { describe, expect, it } from 'vitest';
import { findingsParts, type FindingsWording } from '../../../renderer/src/features/triage/findingsInput';

const wording = (language: 'sv' | 'en'): FindingsWording => ({
  language,
  finding: (key, value) => `${key}=${value}`,
  findingUnknown: (key) => `${key}?`,
  riskNone: 'risks none',
  riskUnknown: 'risks?',
  risks: (names) => [`risks ${names.join('+')}`],
});

describe('findingsParts', () => {
  it('gives nothing for findings not entered', () => {
    expect(findingsParts({}, wording('sv'))).toEqual([]);
  });

  it('words the numeric findings in their fixed order, with the value as its field shows it, risk factors last', () => {
    expect(
      findingsParts(
        { riskFactors: ['diabetes'], pregnancyWeek: 24, durationHours: 72, temperatureC: 38.5 },
        wording('sv'),
      ),
    ).toEqual(['temperatureC=38,5', 'durationHours=3 dygn', 'pregnancyWeek=24', 'risks Diabetes']);
  });

  it('keeps "not known" apart from a value and "no risk factors" apart from "not known"', () => {
    expect(findingsParts({ temperatureC: 'unknown', riskFactors: 'unknown' }, wording('sv'))).toEqual([
      'temperatureC?',
      'risks?',
    ]);
    expect(findingsParts({ riskFactors: [] }, wording('sv'))).toEqual(['risks none']);
  });

  it("names the risk factors in the wording's language, as the items the wording makes of them", () => {
    const each: FindingsWording = { ...wording('en'), risks: (names) => names };
    expect(findingsParts({ riskFactors: ['anticoagulants', 'heart-disease'] }, each)).toEqual([
      'Anticoagulants',
      'Heart disease',
    ]);
    expect(findingsParts({ riskFactors: ['anticoagulants'] }, wording('sv'))).toEqual([
      'risks Blodförtunnande läkemedel',
    ]);
  });
});
