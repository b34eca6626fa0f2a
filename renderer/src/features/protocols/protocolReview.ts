// A protocol's review record as the library page shows it: review status in words and the version history, newest first.
import type { ChangelogEntry, Protocol } from '../../../../core/triage/protocol';

export interface ReviewSummary {
  /** The locale key of the status text. */
  key: 'protocols.review.notReviewed' | 'protocols.review.reviewed' | 'protocols.review.outdated';
  params: { reviewer?: string; date?: string; version: string };
  /** Reviewed, and no change since the review: the only state that needs no attention. */
  current: boolean;
}

/** Not reviewed, reviewed (by whom, when), or reviewed before the latest change (the review no longer covers it). */
export function reviewSummary(protocol: Pick<Protocol, 'review' | 'changelog' | 'version'>): ReviewSummary {
  const { review, version } = protocol;
  if (review.status === 'ej-granskad')
    return { key: 'protocols.review.notReviewed', params: { version }, current: false };
  const latest = protocol.changelog.at(-1);
  const outdated = latest !== undefined && review.reviewedOn < latest.date;
  return {
    key: outdated ? 'protocols.review.outdated' : 'protocols.review.reviewed',
    params: { reviewer: review.reviewer, date: review.reviewedOn, version },
    current: !outdated,
  };
}

/** The changelog newest first, as a reader looks for the latest change. */
export function versionHistory(protocol: Pick<Protocol, 'changelog'>): ChangelogEntry[] {
  return [...protocol.changelog].reverse();
}
