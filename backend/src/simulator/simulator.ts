// The call simulator: a phone platform that makes callers ring in real time at a rate, wait, and hang up when their patience runs out.
import { randomBytes } from 'node:crypto';
import { seededRng } from '../../../core/identity/testNumbers';
import type { Rng } from '../../../core/identity/testNumbers';
import type { TelephonyCallEnteredResponse } from '../../../core/backend-api/calls';
import type { TelephonyIngress, TelephonyLine, TelephonyPlatform } from '../telephony/adapter';
import { FLAT_DAY, SWEDISH_ADVICE_LINE_DAY, nextArrivalAfter } from './arrivals';
import { DEFAULT_RED_FLAG_SHARE, simulatedCaller } from './callers';

export interface SimulatedArrival {
  at: Date;
  regionId: string;
  externalRef: string;
  redFlag: boolean;
  entered: TelephonyCallEnteredResponse;
  patienceSeconds: number;
}

export interface CallSimulatorOptions {
  regionIds: readonly string[];
  /** Mean calls per hour per region over a day (see parseRate). */
  ratePerHour: number;
  ingress: TelephonyIngress;
  /** 'swedish' (default): the advice line's day; 'flat': the same rate all day. */
  curve?: 'swedish' | 'flat';
  redFlagShare?: number;
  seed?: number;
  /** Wall clock in epoch ms (default Date.now). */
  now?: () => number;
  /** Told about every call that entered (no patient data: ids, urgency, red flags). */
  onArrival?: (arrival: SimulatedArrival) => void;
  onError?: (error: Error) => void;
}

/** Prefix of every simulated call's externalRef, so a restart can clear calls a previous run left waiting. */
export const SIMULATED_REF_PREFIX = 'sim-';

/**
 * Runs the simulation against a TelephonyIngress (in process or over HTTP). Attach it as a
 * TelephonyPlatform too (in process), so callers who are answered stop counting their patience.
 */
export class CallSimulator implements TelephonyPlatform {
  private readonly rng: Rng;
  private readonly runId = randomBytes(4).toString('hex');
  private readonly arrivalTimers = new Map<string, NodeJS.Timeout>();
  private readonly patienceTimers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private counter = 0;
  private running = false;
  readonly stats = { entered: 0, redFlags: 0, abandoned: 0, answered: 0, failed: 0 };

  constructor(private readonly options: CallSimulatorOptions) {
    if (options.regionIds.length === 0) throw new Error('Simulate at least one region');
    if (!(options.ratePerHour > 0)) throw new Error('The rate must be more than 0 calls per hour');
    this.rng = seededRng(options.seed ?? Math.floor(Math.random() * 2 ** 31));
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const regionId of this.options.regionIds) this.scheduleNext(regionId, this.now());
  }

  /** Stops ringing and waits for calls already on their way in, so nothing arrives after this resolves. */
  async stop(): Promise<void> {
    this.running = false;
    for (const timer of [...this.arrivalTimers.values(), ...this.patienceTimers.values()]) {
      clearTimeout(timer);
    }
    this.arrivalTimers.clear();
    this.patienceTimers.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private scheduleNext(regionId: string, after: number): void {
    if (!this.running) return;
    const at = nextArrivalAfter(after, {
      ratePerHour: this.options.ratePerHour,
      curve: this.options.curve === 'flat' ? FLAT_DAY : SWEDISH_ADVICE_LINE_DAY,
      rng: this.rng,
    });
    const timer = setTimeout(
      () => {
        this.arrivalTimers.delete(regionId);
        const ringing = this.ring(regionId, at);
        this.inFlight.add(ringing);
        void ringing.finally(() => this.inFlight.delete(ringing));
        this.scheduleNext(regionId, at);
      },
      Math.max(0, at - this.now()),
    );
    timer.unref();
    this.arrivalTimers.set(regionId, timer);
  }

  private async ring(regionId: string, at: number): Promise<void> {
    const caller = simulatedCaller({
      rng: this.rng,
      today: new Date(at),
      redFlagShare: this.options.redFlagShare ?? DEFAULT_RED_FLAG_SHARE,
    });
    this.counter += 1;
    const externalRef = `${SIMULATED_REF_PREFIX}${this.runId}-${regionId}-${this.counter}`;
    try {
      const entered = await this.options.ingress.callEntered({ ...caller.call, externalRef, regionId });
      this.stats.entered++;
      if (caller.redFlag) this.stats.redFlags++;
      if (!this.running) return;
      const timer = setTimeout(
        () => void this.giveUp(entered.callId, externalRef),
        caller.patienceSeconds * 1000,
      );
      timer.unref();
      this.patienceTimers.set(entered.callId, timer);
      this.options.onArrival?.({
        at: new Date(at),
        regionId,
        externalRef,
        redFlag: caller.redFlag,
        entered,
        patienceSeconds: caller.patienceSeconds,
      });
    } catch (error) {
      this.stats.failed++;
      this.options.onError?.(error as Error);
    }
  }

  /** The caller's patience ran out: hang up, unless a nurse answered meanwhile. */
  private async giveUp(callId: string, externalRef: string): Promise<void> {
    this.patienceTimers.delete(callId);
    try {
      const { outcome } = await this.options.ingress.callerHungUp(externalRef, { ifStillWaiting: true });
      if (outcome === 'abandoned') this.stats.abandoned++;
    } catch (error) {
      this.options.onError?.(error as Error);
    }
  }

  // TelephonyPlatform: the ACD bridges a nurse (the caller stops waiting) or hangs up.
  async connectNurse(line: TelephonyLine): Promise<void> {
    const timer = this.patienceTimers.get(line.callId);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.patienceTimers.delete(line.callId);
    this.stats.answered++;
  }

  async endCall(): Promise<void> {}
}
