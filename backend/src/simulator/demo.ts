// The simulator inside a running backend (the embedded demo): calls arrive gently in the demo regions so a nurse sees the queue move.
import type { Backend } from '../server';
import { inProcessTelephony } from '../telephony/inProcess';
import { CallSimulator, SIMULATED_REF_PREFIX } from './simulator';
import type { SimulatedArrival } from './simulator';

export interface DemoSimulatorOptions {
  regionIds: readonly string[];
  /** Calls per hour per region (default 12: one every five minutes on average). */
  ratePerHour?: number;
  curve?: 'swedish' | 'flat';
  seed?: number;
  onArrival?: (arrival: SimulatedArrival) => void;
}

export interface RunningSimulator {
  simulator: CallSimulator;
  /** Resolves once no simulated call can arrive any more. */
  stop(): Promise<void>;
}

/**
 * Starts simulated callers for the regions. Callers a previous run left waiting (their patience
 * timers died with it) hang up first, so the demo queue never shows calls waiting since yesterday.
 */
export async function startDemoSimulator(
  backend: Pick<Backend, 'context'>,
  options: DemoSimulatorOptions,
): Promise<RunningSimulator> {
  const acd = backend.context.acd;
  const ingress = inProcessTelephony(acd);
  for (const ref of await acd.queuedExternalRefs(SIMULATED_REF_PREFIX)) {
    await ingress.callerHungUp(ref, { ifStillWaiting: true });
  }
  const simulator = new CallSimulator({
    regionIds: options.regionIds,
    ratePerHour: options.ratePerHour ?? 12,
    curve: options.curve ?? 'flat',
    seed: options.seed,
    ingress,
    onArrival: options.onArrival,
  });
  const detach = acd.attachTelephony(simulator);
  simulator.start();
  return {
    simulator,
    stop: async () => {
      await simulator.stop();
      detach();
    },
  };
}
