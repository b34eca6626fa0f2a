// The protocol library's review record: status in words (Swedish and English), a review older than the latest change flagged, history newest first.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../../../core/triage/protocol';
import { loadProtocols } from '../../../main/services/protocols/loadProtocols';
import { i18n } from '../../../renderer/src/app/i18n';
import { reviewSummary, versionHistory } from '../../../renderer/src/features/protocols/protocolReview';

let library: Protocol[];
beforeAll(async () => {
  ({ protocols: library } = await loadProtocols());
});

const text = (protocol: Parameters<typeof reviewSummary>[0], language: 'sv' | 'en') => {
  const summary = reviewSummary(protocol);
  return i18n.getFixedT(language)(summary.key, summary.params);
};

const changelog = [
  { version: '1.0.0', date: '2026-11-01', change: 'Första version.' },
  { version: '1.1.0', date: '2026-12-01', change: 'Fler sökord.' },
];

describe('review status on the protocol library page', () => {
  it('says "Ej granskad" for every demo protocol of the library, with its version in the history', () => {
    for (const protocol of library) {
      expect(text(protocol, 'sv'), protocol.id).toBe('Ej granskad');
      expect(reviewSummary(protocol).current).toBe(false);
      expect(versionHistory(protocol)[0]?.version, protocol.id).toBe(protocol.version);
    }
    expect(text(library[0] as Protocol, 'en')).toBe('Not reviewed');
  });

  it('names the reviewer and date of a reviewed protocol', () => {
    const reviewed = {
      version: '1.1.0',
      changelog,
      review: {
        status: 'granskad' as const,
        reviewer: 'Eva Ek, leg. sjuksköterska',
        reviewedOn: '2026-12-03',
      },
    };
    expect(text(reviewed, 'sv')).toBe('Granskad av Eva Ek, leg. sjuksköterska 2026-12-03');
    expect(text(reviewed, 'en')).toBe('Reviewed by Eva Ek, leg. sjuksköterska on 2026-12-03');
    expect(reviewSummary(reviewed).current).toBe(true);
  });

  it('flags a review made before the latest change', () => {
    const stale = {
      version: '1.1.0',
      changelog,
      review: { status: 'granskad' as const, reviewer: 'Eva Ek', reviewedOn: '2026-11-15' },
    };
    expect(reviewSummary(stale).current).toBe(false);
    expect(text(stale, 'sv')).toMatch(/före version 1\.1\.0: behöver granskas igen/);
  });

  it('lists the version history newest first without changing the protocol', () => {
    const protocol = { changelog };
    expect(versionHistory(protocol).map((entry) => entry.version)).toEqual(['1.1.0', '1.0.0']);
    expect(protocol.changelog[0]?.version).toBe('1.0.0');
  });
});
