// Live call events reach the renderer only when they are well-formed and meant for the signed-in nurse.
import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../core/backend-api/events';
import { redFlag } from '../../../core/queue/phoneMenu';
import { EventHub } from '../../../main/services/bridge/eventHub';
import type { ChannelStateListener, EventChannelState } from '../../../main/services/backend/eventChannel';
import { forwardCallEvents, type LiveEventSource } from '../../../main/services/calls';

class FakeChannel implements LiveEventSource {
  state: EventChannelState = 'stopped';
  private readonly listeners = new Map<string, Set<(event: LiveEvent) => void>>();
  private readonly stateListeners = new Set<ChannelStateListener>();
  subscribe(type: string, listener: (event: LiveEvent) => void) {
    const set = this.listeners.get(type) ?? new Set();
    this.listeners.set(type, set.add(listener));
    return () => set.delete(listener);
  }
  onStateChange(listener: ChannelStateListener) {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }
  deliver(type: string, payload: unknown) {
    for (const listener of this.listeners.get(type) ?? []) listener({ type, regionId: 'skane', payload });
  }
  setState(state: EventChannelState) {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}

const IDA = 'SE2321000016-SKAN1';
const NILS = 'SE2321000016-SKAN2';
const callId = '6f1c2a8e-3b7d-4c55-9a0e-2d4b8f7e1a01';
const offer = (hsaId: string) => ({
  callId,
  offeredAt: '2026-03-02T08:00:00.000Z',
  expiresAt: '2026-03-02T08:00:20.000Z',
  kind: 'inbound',
  queueId: 'skane',
  urgencyClass: 'red',
  redFlags: [redFlag('chest-pain')],
  hsaId,
});

/** A nurse who let an offer ring out is put on break, with the message meant for her. */
const presence = (hsaId: string) => ({
  hsaId,
  state: 'break',
  since: '2026-03-02T08:00:20.000Z',
  breakReason: 'offer-timeout',
  reason: 'offer-timeout',
  message: { sv: 'Samtalet ringde utan svar.', en: 'The call rang out.' },
  nextStatus: null,
  afterCallWorkEndsAt: null,
});

function setUp(signedIn: string | null = IDA, watchesRegion = false) {
  const channel = new FakeChannel();
  const events = new EventHub();
  const pushed: { event: string; payload: unknown }[] = [];
  events.subscribe((event, payload) => pushed.push({ event, payload }));
  const dropped: string[] = [];
  let current = signedIn;
  const stop = forwardCallEvents({
    channel,
    events,
    signedInHsaId: () => current,
    watchesRegion: () => watchesRegion,
    onDropped: (type, reason) => dropped.push(`${type}: ${reason}`),
  });
  return { channel, pushed, dropped, stop, signOut: () => (current = null) };
}

describe('forwarding live call events', () => {
  it('rings only for offers to the signed-in nurse, whatever the case of the HSA-id', () => {
    const { channel, pushed } = setUp();
    channel.deliver('call.offered', offer(NILS));
    channel.deliver('call.offered', offer(IDA.toLowerCase()));
    expect(pushed).toEqual([{ event: 'calls.offered', payload: offer(IDA.toLowerCase()) }]);
  });

  it("forwards the region's queue changes and red-flag alerts, and only her own presence", () => {
    const { channel, pushed } = setUp();
    channel.deliver('queue.changed', { queueIds: ['skane'], reason: 'call-entered' });
    channel.deliver('call.red-flag-waiting', {
      callId,
      queueId: 'skane',
      regionId: 'skane',
      urgencyClass: 'red',
      redFlags: [redFlag('stroke-signs')],
      waitingSince: '2026-03-02T08:00:00.000Z',
    });
    channel.deliver('presence.changed', presence(NILS));
    channel.deliver('presence.changed', presence(IDA));
    expect(pushed.map((p) => p.event)).toEqual([
      'calls.queueChanged',
      'calls.redFlagWaiting',
      'presence.changed',
    ]);
    expect((pushed[2]!.payload as { hsaId: string }).hsaId).toBe(IDA);
  });

  it('tells a team lead when any nurse of the region changes state, without the message meant for the nurse', () => {
    const lead = setUp('SE2321000016-SKATL1', true);
    const nurse = setUp(IDA, false);
    const change = presence(NILS);
    for (const { channel } of [lead, nurse]) channel.deliver('presence.changed', change);
    expect(lead.pushed).toEqual([
      {
        event: 'queue.staffPresenceChanged',
        payload: { hsaId: NILS, state: 'break', since: '2026-03-02T08:00:20.000Z' },
      },
    ]);
    expect(nurse.pushed).toEqual([]);
    lead.signOut();
    lead.channel.deliver('presence.changed', change);
    expect(lead.pushed).toHaveLength(1);
  });

  it('drops malformed payloads and says which type, without the payload', () => {
    const { channel, pushed, dropped } = setUp();
    channel.deliver('call.offered', { ...offer(IDA), callId: 'not-a-uuid', personnummer: '19900417-1234' });
    channel.deliver('queue.changed', { queueIds: 'skane' });
    expect(pushed).toEqual([]);
    expect(dropped).toEqual([
      'call.offered: payload does not match the contract',
      'queue.changed: payload does not match the contract',
    ]);
    expect(dropped.join()).not.toContain('19900417');
  });

  it('forwards nothing after sign-out, reports the channel state, and stops on request', () => {
    const { channel, pushed, signOut, stop } = setUp();
    channel.setState('open');
    signOut();
    channel.deliver('queue.changed', { queueIds: ['skane'], reason: 'call-entered' });
    channel.deliver('call.offered', offer(IDA));
    stop();
    channel.setState('waiting');
    expect(pushed).toEqual([{ event: 'calls.liveChannel', payload: { state: 'open' } }]);
  });
});
