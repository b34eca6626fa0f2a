// The case list, a signed note and the call queue show Swedish time on a computer set to UTC or Tokyo, as the catalog and the team lead's view already do.
import { createElement } from 'react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { CaseListItem } from '../../../core/api/cases';
import type { QueueSnapshot } from '../../../core/backend-api/calls';
import type { Note } from '../../../core/case';
import { CasesList } from '../../../renderer/src/features/cases/CasesList';
import { CallsSection } from '../../../renderer/src/features/calls/CallsSection';
import { SignedNoteCard } from '../../../renderer/src/features/notes/SignedNoteCard';
import { describeInTimeZones } from '../../core/referral/support/timeZones';
import { renderText } from '../support/renderText';

// 08:00 on Friday 16 January 2026 in Sweden (07:00 UTC, 16:00 in Tokyo).
const NOW = '2026-01-16T07:00:00.000Z';
const NURSE = { hsaId: 'SE2321000016-SKAN1', name: 'Anna Andersson', title: 'Sjuksköterska' };

function caseItem(id: string, createdAt: string): CaseListItem {
  return {
    id,
    regionId: 'skane',
    patient: { kind: 'unidentified', unidentifiedDescription: 'Man, cirka 40 år' },
    caller: 'self',
    createdAt,
    createdBy: NURSE,
    status: 'open',
    kontaktorsak: 'Feber',
    bradskegrad: 4,
    noteState: 'signed',
  };
}

const signedNote: Note = {
  id: '0b9c1b4e-8f44-4c55-9a57-3f0f8d0f3c11',
  caseId: '5e0f3c1a-2b7d-4f5e-8a7a-9f1c2d3e4f50',
  kontaktorsak: 'Feber sedan i går',
  bedomning: 'Opåverkad',
  rad: 'Egenvård',
  hanvisning: '',
  bradskegrad: 6,
  // 00:10 in Sweden: the same Swedish day as NOW, but "yesterday" on a UTC clock.
  contactAt: '2026-01-15T23:10:00.000Z',
  responsible: NURSE,
  status: 'signed',
  signedAt: '2026-01-15T23:30:00.000Z',
  contentHash: 'a'.repeat(64),
};

function snapshot(): QueueSnapshot {
  return {
    regionId: 'skane',
    // 07:59:50 in Sweden.
    at: '2026-01-16T06:59:50.000Z',
    queues: [
      {
        queueId: 'skane',
        kind: 'regional',
        name: { sv: 'Region Skåne', en: 'Region Skåne' },
        servedByYou: true,
        calls: [
          {
            callId: '7c1e2d3f-4a5b-4c6d-8e7f-901a2b3c4d5e',
            queueId: 'skane',
            regionId: 'skane',
            kind: 'inbound',
            urgencyClass: 'yellow',
            redFlags: [],
            language: 'sv',
            enteredQueueAt: '2026-01-16T06:58:45.000Z',
            waitingSince: '2026-01-16T06:58:45.000Z',
            secondsWaited: 65,
            position: 1,
            priority: 1000,
            explanation: { sv: 'Gul, väntat 65 s', en: 'Yellow, waited 65 s' },
            state: 'waiting',
            offeredTo: null,
            overflowing: false,
            callbackId: null,
            lastPriorityChange: null,
          },
        ],
        waitingCount: 1,
        longestWaitSeconds: 65,
        redFlagWaiting: 0,
      },
    ],
    redFlagCallsWaiting: [],
    callbacksDue: [],
    nursesByPresence: { available: 1, 'on-call': 0, 'after-call-work': 0, break: 0, offline: 0 },
    you: {
      hsaId: NURSE.hsaId,
      regionId: 'skane',
      state: 'available',
      since: '2026-01-16T06:00:00.000Z',
      breakReason: null,
      reason: 'nurse',
      message: null,
      nextStatus: null,
      afterCallWorkEndsAt: null,
      currentCallId: null,
      offer: null,
    },
  };
}

describeInTimeZones('Swedish time on screen', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(NOW));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists a case opened at 00:30 Swedish time as today, and one from 08:00 the day before as yesterday', async () => {
    const state = {
      casesList: {
        scope: 'mine-today' as const,
        search: null,
        status: 'ready' as const,
        items: [
          caseItem('1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d', '2026-01-15T23:30:00.000Z'),
          caseItem('2d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d', '2026-01-15T07:00:00.000Z'),
        ],
        error: null,
        requestId: null,
      },
    };
    const sv = await renderText(createElement(CasesList), { state });
    expect(sv).toContain('i dag 00:30');
    expect(sv).toContain('i går 08:00');
    const en = await renderText(createElement(CasesList), { state, language: 'en' });
    expect(en).toContain('today 00:30');
    expect(en).toContain('yesterday 08:00');
  });

  it('shows when a note was signed in Swedish time: "Signerad i dag 00:30"', async () => {
    const props = {
      note: signedNote,
      version: 1,
      amends: null,
      superseded: false,
      onAmend: null,
      amending: false,
    };
    const sv = await renderText(createElement(SignedNoteCard, props));
    expect(sv).toContain(`Signerad i dag 00:30 av ${NURSE.name}`);
    expect(sv).toContain('i dag 00:10');
    const en = await renderText(createElement(SignedNoteCard, props), { language: 'en' });
    expect(en).toContain(`Signed today 00:30 by ${NURSE.name}`);
  });

  it('shows the queue as updated at 07:59 Swedish time, with the wait ticking on from it', async () => {
    const state = {
      queue: {
        snapshot: snapshot(),
        receivedAt: Date.parse(NOW),
        clockSkewMs: 0,
        status: 'ready' as const,
        error: null,
        liveChannel: 'open' as const,
      },
    };
    const sv = await renderText(createElement(CallsSection), { state });
    expect(sv).toContain('Uppdaterad 07:59');
    // 65 s at the snapshot, 10 s before now: 1:15, the same on any computer.
    expect(sv).toContain('Längsta väntan 1:15');
    const en = await renderText(createElement(CallsSection), { state, language: 'en' });
    expect(en).toContain('Updated 07:59');
  });
});
