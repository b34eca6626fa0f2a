// The triage evaluation inside npm test: the targets already met stay met; those not yet met are measured and named, not asserted.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalAgainstTargets } from '../../scripts/triageEval';

const PROTOCOLS = path.resolve(import.meta.dirname, '../../resources/protocols');

describe('triage evaluation against the targets', () => {
  it('keeps the whole set at ≥ 90 % appropriate and every class at ≥ 85 %', async () => {
    const verdicts = await evalAgainstTargets(PROTOCOLS);
    const byTarget = new Map(verdicts.map((v) => [v.target, v]));
    // Met today, so a protocol change that breaks them fails here.
    for (const target of [
      'appropriate overall ≥ 90 %',
      'emergency appropriate ≥ 85 %',
      'care appropriate ≥ 85 %',
      'selfcare appropriate ≥ 85 %',
    ]) {
      expect(byTarget.get(target), `${target}: ${byTarget.get(target)?.measured}`).toMatchObject({
        met: true,
      });
    }
    // The held-out share and the under-triaged emergencies are reported by `npm run bench:triage`; the
    // targets there (≥ 90 %, none) are not yet met and are asserted here once they are.
    expect(byTarget.get('appropriate on held-out ≥ 90 %')?.measured).toMatch(/^\d+\.\d % \(\d+\/50\)$/);
    expect(byTarget.get('emergencies under-triaged = 0')?.measured).toMatch(/^\d+$/);
  }, 60_000);
});
