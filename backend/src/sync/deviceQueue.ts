// Lines up one device's pushes in this backend process, in the order they arrived, and wakes pushes waiting for one.

/** Per device, the end of the chain of its pushes in this process (see oneAtATime). */
const pushesByDevice = new Map<string, Promise<unknown>>();

/**
 * Runs a device's pushes one after the other in this process, in the order they arrived. A workstation
 * sends its next batch while the one before commits; without this the second would take a database
 * connection and hold it while it waits for the first's lock on the device row. The row lock still
 * orders pushes across backend instances.
 */
export async function oneAtATime<T>(deviceId: string, work: () => Promise<T>): Promise<T> {
  const previous = pushesByDevice.get(deviceId) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.catch(() => undefined);
  pushesByDevice.set(deviceId, tail);
  try {
    return await run;
  } finally {
    if (pushesByDevice.get(deviceId) === tail) pushesByDevice.delete(deviceId);
    const waiting = waitersByDevice.get(deviceId);
    waitersByDevice.delete(deviceId);
    waiting?.forEach((wake) => wake());
  }
}

/** Per device, pushes waiting for another push of the device to finish in this process. */
const waitersByDevice = new Map<string, Set<() => void>>();

/** Resolves when a push of the device finishes in this process, or after `ms`. */
export function anotherPushSettled(deviceId: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const waiting = waitersByDevice.get(deviceId) ?? new Set<() => void>();
    waitersByDevice.set(deviceId, waiting);
    const wake = () => {
      clearTimeout(timer);
      waiting.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    waiting.add(wake);
  });
}
