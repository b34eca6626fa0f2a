// The ring with a fake clock and fake Web Audio: a burst at once and again at each interval, a new tone starts over, and it stops when told or when the offer's time is up.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  RING_PATTERNS,
  Ringer,
  type RingAudio,
  type RingerClock,
} from '../../../renderer/src/features/offerAlerts/ringer';

function fakeClock() {
  let now = 0;
  let next = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  const clock: RingerClock = {
    now: () => now,
    setTimeout: (run, ms) => {
      timers.set(next, { at: now + ms, run });
      return next++;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].run();
    }
    now = end;
  };
  return { clock, advance, pending: () => timers.size };
}

function fakeAudio(state = 'running') {
  const tones: { frequency: number; gain: number }[] = [];
  let resumed = 0;
  const audio: RingAudio = {
    currentTime: 0,
    state,
    destination: {},
    resume: async () => void (resumed += 1),
    createOscillator: () => {
      const node = {
        type: '',
        frequency: { value: 0 },
        connect: () => undefined,
        start: () => tones.push({ frequency: node.frequency.value, gain: peak }),
        stop: () => undefined,
      };
      return node;
    },
    createGain: () => ({
      gain: {
        setValueAtTime: () => undefined,
        linearRampToValueAtTime: (value: number) => void (value > 0 && (peak = value)),
      },
      connect: () => undefined,
    }),
  };
  let peak = 0;
  return { audio, tones, resumed: () => resumed };
}

describe('ringer', () => {
  let clock: ReturnType<typeof fakeClock>;
  let sound: ReturnType<typeof fakeAudio>;
  let ringer: Ringer;
  beforeEach(() => {
    clock = fakeClock();
    sound = fakeAudio();
    ringer = new Ringer(() => sound.audio, clock.clock);
  });

  it('rings at once and again every interval until stopped', () => {
    ringer.ring({ tone: 'call', volume: 70, until: 20_000 });
    expect(ringer.bursts).toBe(1);
    expect(sound.tones.map((tone) => tone.frequency)).toEqual(
      RING_PATTERNS.call.steps.map((s) => s.frequency),
    );
    clock.advance(RING_PATTERNS.call.everyMs * 2);
    expect(ringer.bursts).toBe(3);
    ringer.stop();
    clock.advance(10_000);
    expect(ringer.bursts).toBe(3);
    expect(ringer.ringing).toBe(false);
    expect(clock.pending()).toBe(0);
  });

  it("stops by itself when the offer's time is up", () => {
    ringer.ring({ tone: 'call', volume: 70, until: 7_000 });
    clock.advance(60_000);
    // Bursts at 0, 3 and 6 s; none at 9 s.
    expect(ringer.bursts).toBe(3);
    expect(ringer.ringing).toBe(false);
  });

  it('rings the red-flag pattern faster and higher, and a new tone starts over at once', () => {
    ringer.ring({ tone: 'call', volume: 70, until: 20_000 });
    clock.advance(1000);
    ringer.ring({ tone: 'urgent', volume: 70, until: 20_000 });
    expect(ringer.bursts).toBe(2);
    clock.advance(RING_PATTERNS.urgent.everyMs);
    expect(ringer.bursts).toBe(3);
    expect(RING_PATTERNS.urgent.everyMs).toBeLessThan(RING_PATTERNS.call.everyMs);
    const highest = (tone: 'call' | 'urgent') =>
      Math.max(...RING_PATTERNS[tone].steps.map((s) => s.frequency));
    expect(Math.min(...RING_PATTERNS.urgent.steps.map((s) => s.frequency))).toBeGreaterThan(highest('call'));
  });

  it('takes a new volume at the next burst without starting over, and rings silently at "Av"', () => {
    ringer.ring({ tone: 'call', volume: 100, until: 20_000 });
    const loud = sound.tones.length;
    ringer.ring({ tone: 'call', volume: 0, until: 20_000 });
    expect(ringer.bursts).toBe(1);
    clock.advance(RING_PATTERNS.call.everyMs);
    expect(ringer.bursts).toBe(2);
    expect(sound.tones.length).toBe(loud);
    ringer.ring({ tone: 'call', volume: 50, until: 20_000 });
    clock.advance(RING_PATTERNS.call.everyMs);
    expect(sound.tones.length).toBe(loud * 2);
    expect(sound.tones.at(-1)!.gain).toBeLessThan(sound.tones[0]!.gain);
  });

  it('resumes a suspended audio context on the first gesture, and plays a test burst on request', () => {
    const suspended = fakeAudio('suspended');
    const quiet = new Ringer(() => suspended.audio, clock.clock);
    quiet.unlock();
    expect(suspended.resumed()).toBe(1);
    expect(quiet.playOnce('urgent', 40)).toBe(true);
    expect(suspended.tones).toHaveLength(RING_PATTERNS.urgent.steps.length);
    expect(quiet.playOnce('urgent', 0)).toBe(false);
    expect(new Ringer(() => null, clock.clock).playOnce('call', 70)).toBe(false);
  });
});
