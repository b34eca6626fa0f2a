// Starts one server of the sync benchmark in a child process (syncServers.ts) and stops it again.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SyncServerMessage, SyncServerSpec } from './syncServers';

export interface SyncServerProcess {
  url: string;
  close(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('./syncServers.ts', import.meta.url));

export function startSyncServer(spec: SyncServerSpec): Promise<SyncServerProcess> {
  const child = fork(ENTRY, [JSON.stringify(spec)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`The ${spec.kind} server did not start within 2 minutes`));
    }, 120_000);
    child.once('message', (message: SyncServerMessage) => {
      clearTimeout(timer);
      if ('error' in message) {
        reject(new Error(`The ${spec.kind} server could not start: ${message.error}`));
        return;
      }
      resolve({
        url: message.url,
        close: async () => {
          if (child.exitCode === null) child.send('close');
          const killed = setTimeout(() => child.kill('SIGKILL'), 30_000);
          await exited;
          clearTimeout(killed);
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The ${spec.kind} server stopped before it listened (exit code ${code})`));
    });
  });
}
