// What an offered call sounds and looks like: the red-flag ring, the volume curve, when the ring stops, the window title and a notification that shows no patient data.
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../renderer/src/app/i18n';
import {
  MAX_RING_GAIN,
  offerNotificationText,
  offerWindowTitle,
  ringingOffer,
  ringToneFor,
  volumeToGain,
  type AlertOffer,
} from '../../../renderer/src/features/offerAlerts/offerAlerts';

const region = { id: 'ostergotland', name: 'Region Östergötland' };
const anaphylaxis = {
  code: 'anaphylaxis',
  label: { sv: 'Svår allergisk reaktion', en: 'Severe allergic reaction' },
};
const chestPain = { code: 'chest-pain', label: { sv: 'Bröstsmärta', en: 'Chest pain' } };

function offer(overrides: Partial<AlertOffer> = {}): AlertOffer {
  return {
    callId: 'c1',
    kind: 'inbound',
    queueId: 'ostergotland',
    urgencyClass: 'yellow',
    redFlags: [],
    expiresAt: '2026-12-08T08:00:20.000Z',
    ...overrides,
  };
}
const sv = i18n.getFixedT('sv');
const en = i18n.getFixedT('en');

describe('which ring', () => {
  it('rings the ordinary two-tone ring for a caller without red flags, the urgent one for a red flag or a red class', () => {
    expect(ringToneFor(offer())).toBe('call');
    expect(ringToneFor(offer({ urgencyClass: 'green', kind: 'callback' }))).toBe('call');
    expect(ringToneFor(offer({ redFlags: [anaphylaxis] }))).toBe('urgent');
    expect(ringToneFor(offer({ urgencyClass: 'red' }))).toBe('urgent');
  });
});

describe('volume', () => {
  it('is silent at "Av", loudest at 100 % and rises steadily between', () => {
    expect(volumeToGain(0)).toBe(0);
    expect(volumeToGain(-5)).toBe(0);
    expect(volumeToGain(Number.NaN)).toBe(0);
    expect(volumeToGain(100)).toBe(MAX_RING_GAIN);
    expect(volumeToGain(150)).toBe(MAX_RING_GAIN);
    const steps = [10, 30, 50, 70, 90].map(volumeToGain);
    steps.forEach((gain, i) => i > 0 && expect(gain).toBeGreaterThan(steps[i - 1]!));
    expect(volumeToGain(50)).toBeCloseTo(MAX_RING_GAIN / 4);
  });
});

describe('when it rings', () => {
  const at = (iso: string) => Date.parse(iso);
  it('rings while the offer is here and its time is not up', () => {
    const ringing = offer();
    expect(ringingOffer({ offer: ringing, busy: null }, at('2026-12-08T08:00:05Z'))).toBe(ringing);
    // A call she is ending does not silence a new offer.
    expect(ringingOffer({ offer: ringing, busy: 'ending' }, at('2026-12-08T08:00:05Z'))).toBe(ringing);
  });

  it('stops when she answers or declines, when the offer goes, and when its time is up', () => {
    const ringing = offer();
    const before = at('2026-12-08T08:00:05Z');
    expect(ringingOffer({ offer: ringing, busy: 'accepting' }, before)).toBeNull();
    expect(ringingOffer({ offer: ringing, busy: 'declining' }, before)).toBeNull();
    expect(ringingOffer({ offer: null, busy: null }, before)).toBeNull();
    expect(ringingOffer({ offer: ringing, busy: null }, at('2026-12-08T08:00:20Z'))).toBeNull();
  });
});

describe('window title', () => {
  it('marks a ringing call, an urgent one as such, and is plain "Firstline" otherwise', () => {
    expect(offerWindowTitle(offer(), sv)).toBe('● Inkommande samtal – Firstline');
    expect(offerWindowTitle(offer({ redFlags: [chestPain] }), sv)).toBe('● Akut samtal – Firstline');
    expect(offerWindowTitle(offer({ kind: 'callback' }), sv)).toBe('● Återuppringning att ringa – Firstline');
    expect(offerWindowTitle(offer(), en)).toBe('● Incoming call – Firstline');
    expect(offerWindowTitle(null, sv)).toBe('Firstline');
  });
});

describe('desktop notification', () => {
  it('names urgency, queue and red flags in Swedish, and how to answer', () => {
    const text = offerNotificationText(
      offer({ urgencyClass: 'red', redFlags: [anaphylaxis, chestPain] }),
      sv,
      'sv',
      region,
    );
    expect(text.title).toBe('Akut samtal – röd flagga');
    expect(text.body).toBe(
      'Brådska: Röd · Kö: Region Östergötland\nRöda flaggor: Svår allergisk reaktion, Bröstsmärta\nKlicka för att svara (F2)',
    );
    expect(text.tag).toBe('firstline-offer-c1');
  });

  it('names the shared overflow queue, and leaves out a queue it cannot name', () => {
    expect(offerNotificationText(offer({ queueId: 'overflow' }), sv, 'sv', region).body).toContain(
      'Kö: Gemensam överflödeskö',
    );
    const other = offerNotificationText(offer({ queueId: 'skane' }), en, 'en', region);
    expect(other).toEqual({
      title: 'Incoming call',
      body: 'Urgency: Yellow\nClick to answer (F2)',
      tag: 'firstline-offer-c1',
    });
  });

  it('never carries patient data, whatever else the offer holds', () => {
    const full = {
      ...offer({ redFlags: [anaphylaxis] }),
      personnummer: '197911032391',
      callerNumber: '+46480123456',
      name: 'Sven Svensson',
    };
    const text = offerNotificationText(full, sv, 'sv', region);
    const shown = `${text.title} ${text.body} ${text.tag}`;
    for (const secret of ['197911032391', '19791103', '2391', '480123456', 'Sven']) {
      expect(shown).not.toContain(secret);
    }
  });
});
