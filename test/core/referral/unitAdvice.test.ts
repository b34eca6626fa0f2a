// The note's advice names the unit chosen instead of the protocol's generic place, and keeps the rest of what it says.
import { describe, expect, it } from 'vitest';
import { adviceForUnit } from '../../../core/referral/unitAdvice';

const narakut = { name: 'Närakuten Lund', careTypeSv: 'Närakut' };

describe('adviceForUnit', () => {
  it('replaces "närakut eller akutmottagning" with the unit chosen, keeping the time and what follows', () => {
    expect(
      adviceForUnit(
        'Sök vård på närakut eller akutmottagning inom några timmar för röntgen. Ta med dina läkemedel.',
        narakut,
      ),
    ).toBe('Sök vård på Närakuten Lund (närakut) inom några timmar för röntgen. Ta med dina läkemedel.');
  });

  it('fits the other openings the protocols use', () => {
    const vc = { name: 'Vårdcentralen Tornet', careTypeSv: 'Vårdcentral' };
    expect(adviceForUnit('Kontakta vårdcentralen inom ett dygn för en tid.', vc)).toBe(
      'Kontakta Vårdcentralen Tornet (vårdcentral) inom ett dygn för en tid.',
    );
    expect(
      adviceForUnit('Åk till barnakuten nu. Håll barnet varmt.', {
        name: 'Barnakuten SUS',
        careTypeSv: 'Barnakut',
      }),
    ).toBe('Åk till Barnakuten SUS (barnakut) nu. Håll barnet varmt.');
    expect(adviceForUnit('Boka tid på vårdcentralen de närmaste dagarna.', vc)).toBe(
      'Boka tid på Vårdcentralen Tornet (vårdcentral) de närmaste dagarna.',
    );
  });

  it('leaves advice that names no place to go', () => {
    expect(adviceForUnit('Ring 112 nu. Stanna hos patienten.', narakut)).toBeNull();
    expect(adviceForUnit('Vila, drick mycket och ta febernedsättande vid behov.', narakut)).toBeNull();
  });
});
