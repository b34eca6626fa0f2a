// The lay-word list of protocol search: everyday, regional and misspelt words callers use, mapped to the protocols' own terms.
//
// Callers say "bajs", "snuvig" or "käkkramp"; the protocols say avföring, snuva and stelkramp. Each
// entry lists the words as callers say them (one word, or a phrase of a few words) and what they mean
// in the protocols' words. A one-word entry of four letters or more also matches longer forms of the
// word ("bajs" matches "bajset", "bajsar"), so inflections need not be listed. The search adds the
// meaning to the query and counts it as the caller's word (see search.ts); the list is data only.
import { z } from 'zod';

const word = z
  .string()
  .trim()
  .min(2, 'A lay word needs at least two letters.')
  .regex(/^[\p{L}\p{N} -]+$/u, 'A lay word is letters, digits, spaces and hyphens only.');

export const LayWordEntrySchema = z.strictObject({
  /** As callers say it: words or short phrases, in any case, with or without å/ä/ö. */
  says: z.array(word).min(1, 'An entry needs at least one lay word (says).'),
  /** What it means in the protocols' own search terms. */
  means: z.array(word).min(1, 'An entry needs at least one protocol term (means).'),
});
export type LayWordEntry = z.infer<typeof LayWordEntrySchema>;

export const LayWordListSchema = z.array(LayWordEntrySchema);

/** The list itself; test/core/triage/layWords.test.ts checks that every meaning finds a protocol. */
const LAY_WORD_DATA: LayWordEntry[] = [
  // Body and bodily functions in everyday and children's words.
  { says: ['bajs', 'bajsa', 'bajsig'], means: ['avföring'] },
  { says: ['spy', 'spya', 'spyr', 'spyor', 'kastar upp', 'kastat upp', 'kräks'], means: ['kräkningar'] },
  { says: ['magsjuka', 'magsjuk', 'vinterkräksjuka'], means: ['kräkningar', 'diarré'] },
  { says: ['snuvig', 'snorig', 'snorar', 'snor', 'rinnsnuva', 'nästäppa'], means: ['snuva', 'förkyld'] },
  { says: ['pippi', 'snippa', 'framstjärten'], means: ['underliv'] },
  { says: ['snopp', 'pungkulor'], means: ['pungen'] },
  // Diseases named by the caller: the protocol that assesses their symptoms.
  { says: ['käkkramp', 'kan inte gapa efter sår', 'tetanus'], means: ['stelkramp'] },
  {
    says: ['körtelfeber', 'kyssjuka', 'mononukleos', 'svullna körtlar i halsen'],
    means: ['halsont', 'halsfluss'],
  },
  { says: ['lunginflammation', 'pneumoni', 'lunginfektion'], means: ['hosta'] },
  { says: ['hjärnhinneinflammation', 'meningit', 'hjärnhinnan'], means: ['feber'] },
  { says: ['malaria', 'denguefeber', 'tropikfeber'], means: ['feber'] },
  { says: ['nackstel', 'nackstelhet', 'stel i nacken', 'stel nacke'], means: ['nacksmärta'] },
  { says: ['blindtarmen', 'blindtarmsinflammation', 'appendicit'], means: ['buksmärta'] },
  {
    says: ['urinvägsinfektion', 'uvi', 'blåskatarr', 'kissar ofta', 'svider när jag kissar'],
    means: ['urinvägsbesvär'],
  },
  { says: ['öroninflammation', 'öronbarr'], means: ['öronvärk'] },
  { says: ['bihåleinflammation', 'bihålorna'], means: ['bihålebesvär'] },
  { says: ['ischias', 'ryggskott', 'diskbråck', 'ont i ländryggen'], means: ['ryggsmärta'] },
  {
    says: ['hjärtat rusar', 'hjärtat slår fort', 'hjärtat bankar', 'hjärtat fladdrar'],
    means: ['hjärtklappning'],
  },
  {
    says: ['jordnöt', 'nötallergi', 'matallergi', 'födoämnesallergi'],
    means: ['jordnötter', 'allergisk reaktion'],
  },
  // Stroke and other nerve signs in the caller's words.
  {
    says: ['förlamad', 'förlamning', 'lam i armen', 'lam i benet', 'orkar inte lyfta armen'],
    means: ['svaghet'],
  },
  { says: ['droppfot', 'foten slår i', 'kan inte lyfta foten'], means: ['svaghet', 'ena benet svagt'] },
  {
    says: [
      'svårt att prata',
      'svårt att tala',
      'pratar sluddrigt',
      'sluddrig',
      'orden kommer fel',
      'får inte fram orden',
    ],
    means: ['sluddrar', 'stroke'],
  },
  // "Ont i bröstet" is chest pain; the breast (brösten) has words of its own.
  {
    says: ['ont i bröstet', 'värk i bröstet', 'smärta i bröstet', 'tryck i bröstet'],
    means: ['bröstsmärta'],
  },
  // A burning chest is chest pain until proven otherwise (search ranks Bröstsmärta above heartburn for it).
  {
    says: ['bränner i bröstet', 'svider i bröstet', 'sveda i bröstet', 'brännande bröst'],
    means: ['bröstsmärta'],
  },
  // Feeling faint and dizzy.
  { says: ['svimfärdig', 'tuppade av', 'däckade', 'svartnade för ögonen'], means: ['svimning'] },
  { says: ['snurrar', 'rummet snurrar', 'ostadig', 'vinglig'], means: ['yrsel'] },
  // Common misspellings that are more than a typo or two away.
  { says: ['diarre', 'diare', 'diaré', 'diarrhe'], means: ['diarré'] },
  { says: ['hjärnskakning', 'slog i huvudet', 'slagit i huvudet'], means: ['skallskada'] },
  { says: ['ångestattack', 'panik', 'paniken'], means: ['panikattack'] },
];

/** The validated list: a malformed entry stops the app at start-up with a message saying what is wrong. */
export const LAY_WORDS: readonly LayWordEntry[] = LayWordListSchema.parse(LAY_WORD_DATA);
