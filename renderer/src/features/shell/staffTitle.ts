// A staff member's professional title in the nurse's UI language, and the role beside it only when the title does not already say it.
//
// Titles come from the region's staff catalogue in Swedish ("Distriktssköterska", "Teamledare,
// sjuksköterska"). The note keeps the Swedish title (it is the patient record); the screen around it
// follows the UI language. A title the table does not know is shown as given.

const TITLE_WORDS_EN: Readonly<Record<string, string>> = {
  sjuksköterska: 'registered nurse',
  distriktssköterska: 'district nurse',
  barnsjuksköterska: 'paediatric nurse',
  specialistsjuksköterska: 'specialist nurse',
  undersköterska: 'assistant nurse',
  barnmorska: 'midwife',
  teamledare: 'team lead',
  läkare: 'physician',
  systemförvaltare: 'system administrator',
};

/** "Distriktssköterska" → "District nurse" in English; Swedish as given. */
export function staffTitleText(title: string, language: string): string {
  if (language !== 'en') return title;
  const parts = title.split(',').map((part) => part.trim());
  const translated = parts.map((part) => TITLE_WORDS_EN[part.toLocaleLowerCase('sv')]);
  if (translated.some((part) => part === undefined)) return title;
  const text = translated.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Whether the title already names the role: any "…sköterska" or "…nurse" is a nurse, "Teamledare" a team lead. */
function titleSaysRole(title: string, role: string, roleLabel: string): boolean {
  const lower = title.toLocaleLowerCase('sv');
  if (lower.includes(roleLabel.toLocaleLowerCase('sv'))) return true;
  if (role === 'nurse') return lower.includes('sköterska') || lower.includes('nurse');
  return false;
}

/** The title in the UI language, plus the role when the title does not already say it. */
export function roleText(title: string, role: string, roleLabel: string, language: string): string {
  const shown = staffTitleText(title, language);
  return titleSaysRole(shown, role, roleLabel) ? shown : `${shown} · ${roleLabel}`;
}
