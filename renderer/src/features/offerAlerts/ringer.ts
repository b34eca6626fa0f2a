// The ring of an offered call, synthesised with the Web Audio API (no sound file to ship): a two-tone ring, or a faster, higher three-tone one for a red flag, repeated until stopped or the offer's time is up.
import { volumeToGain, type RingTone } from './offerAlerts';

export interface ToneStep {
  frequency: number;
  atMs: number;
  lengthMs: number;
}
export interface RingPattern {
  steps: readonly ToneStep[];
  /** A new burst starts this often while the call rings. */
  everyMs: number;
}

export const RING_PATTERNS: Readonly<Record<RingTone, RingPattern>> = {
  // A classic telephone double ring, E5 and C5: "ring-ring", again every 3 s.
  call: {
    steps: [
      { frequency: 659, atMs: 0, lengthMs: 380 },
      { frequency: 523, atMs: 420, lengthMs: 380 },
      { frequency: 659, atMs: 1000, lengthMs: 380 },
      { frequency: 523, atMs: 1420, lengthMs: 380 },
    ],
    everyMs: 3000,
  },
  // Red flag: three rising tones, higher and shorter, twice, every 2 s; unlike the ordinary ring from across the room.
  urgent: {
    steps: [
      { frequency: 988, atMs: 0, lengthMs: 140 },
      { frequency: 1319, atMs: 170, lengthMs: 140 },
      { frequency: 1568, atMs: 340, lengthMs: 140 },
      { frequency: 988, atMs: 700, lengthMs: 140 },
      { frequency: 1319, atMs: 870, lengthMs: 140 },
      { frequency: 1568, atMs: 1040, lengthMs: 140 },
    ],
    everyMs: 2000,
  },
};

/** The parts of Web Audio the ring uses (an AudioContext fits), so tests can pass a fake. */
export interface RingAudio {
  readonly currentTime: number;
  readonly state: string;
  readonly destination: unknown;
  resume(): Promise<void>;
  createOscillator(): {
    type: string;
    frequency: { value: number };
    connect(node: never): unknown;
    start(when: number): void;
    stop(when: number): void;
  };
  createGain(): {
    gain: {
      setValueAtTime(value: number, when: number): unknown;
      linearRampToValueAtTime(value: number, when: number): unknown;
    };
    connect(node: never): unknown;
  };
}

export interface RingerClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserClock: RingerClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

export interface RingRequest {
  tone: RingTone;
  /** 0–100 %; 0 rings silently (the title and notification still show the call). */
  volume: number;
  /** Epoch ms, on this computer's clock, after which no burst starts (the offer's time is up). */
  until: number;
}

export class Ringer {
  private request: RingRequest | null = null;
  private timer: unknown = null;
  /** Bursts started since creation: what tests and the page's diagnostics count. */
  bursts = 0;

  constructor(
    private readonly audio: () => RingAudio | null,
    private readonly clock: RingerClock = browserClock,
  ) {}

  get ringing(): boolean {
    return this.request !== null;
  }

  /** Starts ringing, or keeps the running ring and takes the new volume and deadline; a new tone starts over. */
  ring(request: RingRequest): void {
    const running = this.request;
    this.request = request;
    if (running && running.tone === request.tone) return;
    this.clearTimer();
    this.burst();
  }

  stop(): void {
    this.request = null;
    this.clearTimer();
  }

  /** One burst at once (the "Spela ringsignalen" button); false when there is no sound to play. */
  playOnce(tone: RingTone, volume: number): boolean {
    return this.play(tone, volume);
  }

  /** The first key or click after loading: a browser starts audio only after a gesture. */
  unlock(): void {
    const audio = this.audio();
    if (audio && audio.state === 'suspended') void audio.resume().catch(() => undefined);
  }

  private burst(): void {
    const request = this.request;
    if (!request) return;
    if (this.clock.now() >= request.until) {
      this.stop();
      return;
    }
    this.bursts += 1;
    this.play(request.tone, request.volume);
    this.timer = this.clock.setTimeout(() => this.burst(), RING_PATTERNS[request.tone].everyMs);
  }

  private play(tone: RingTone, volume: number): boolean {
    const gain = volumeToGain(volume);
    const audio = gain > 0 ? this.audio() : null;
    if (!audio) return false;
    if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
    const start = audio.currentTime + 0.02;
    for (const step of RING_PATTERNS[tone].steps) {
      const at = start + step.atMs / 1000;
      const end = at + step.lengthMs / 1000;
      const oscillator = audio.createOscillator();
      const envelope = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = step.frequency;
      // Short ramps in and out: a tone that starts or stops at full level clicks.
      envelope.gain.setValueAtTime(0, at);
      envelope.gain.linearRampToValueAtTime(gain, at + 0.015);
      envelope.gain.setValueAtTime(gain, end - 0.025);
      envelope.gain.linearRampToValueAtTime(0, end);
      oscillator.connect(envelope as never);
      envelope.connect(audio.destination as never);
      oscillator.start(at);
      oscillator.stop(end);
    }
    return true;
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}

let context: AudioContext | null = null;

/** The page's one AudioContext, made on first use (after sign-in, so after a gesture). */
export function pageAudio(): RingAudio | null {
  if (context) return context;
  if (typeof AudioContext === 'undefined') return null;
  try {
    context = new AudioContext();
  } catch {
    return null;
  }
  return context;
}

export const pageRinger = new Ringer(pageAudio);
