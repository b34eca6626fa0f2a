// The note's advice made to fit the unit chosen: "Sök vård på närakut eller akutmottagning inom några timmar" names the unit instead.
//
// Protocol advice opens with where to go ("Sök vård på …", "Kontakta …", "Åk till …", "Boka tid på …") and
// when; once the nurse picks a unit, that place becomes the unit, so the advice and the referral never
// point to different places. Advice that names no place (Ring 112, self-care) is left as it is.

import { CARE_TYPE_LABELS, type CareType } from './catalog';

const PLACE_SENTENCE =
  /^(Sök vård på|Sök vård|Kontakta|Åk till|Åk in till|Boka tid på|Boka tid hos) ?(.*?) (nu|omgående|direkt|samma dag|inom [^,.;]+?|de närmaste [a-zåäö]+)((?:[ ,][^.]*)?)\.(\s|$)/u;

/** The advice with its opening place replaced by the chosen unit; null when the advice names no place to go. */
export function adviceForUnit(advice: string, unit: { name: string; careTypeSv: string }): string | null {
  const match = PLACE_SENTENCE.exec(advice);
  if (!match) return null;
  const [whole, verb, , when, rest, space] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const go = verb === 'Sök vård' ? 'Sök vård på' : verb;
  const place = `${unit.name} (${unit.careTypeSv.toLowerCase()})`;
  return `${go} ${place} ${when}${rest}.${space}${advice.slice(whole.length)}`;
}

/** The advice for a unit chosen in the case (its care type's Swedish name from the catalog's labels). */
export function adviceForChoice(advice: string, choice: { unitName: string; careType: CareType }): string {
  return (
    adviceForUnit(advice, { name: choice.unitName, careTypeSv: CARE_TYPE_LABELS[choice.careType].sv }) ??
    advice
  );
}
