// Starts the workstation services behind the browser host: the Electron-free way to run the workstation.
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { createWorkstation, type Workstation } from '../services/workstation';
import { createMemoryTokenVault } from '../services/session/tokenVault';
import { createKeyFileStoreKeyProvider } from '../services/cases';
import { startBrowserHost, type BrowserHost } from './browserHost';
import { describeErrorForLog } from './processGuard';

export interface RunHostOptions {
  backendUrl: string;
  profileDir: string;
  rendererDir: string;
  port?: number;
  version: string;
}

export interface RunningHost {
  host: BrowserHost;
  workstation: Workstation;
  close(): Promise<void>;
}

export async function runHost(options: RunHostOptions): Promise<RunningHost> {
  await mkdir(options.profileDir, { recursive: true, mode: 0o700 });
  const workstation = await createWorkstation({
    backendUrl: options.backendUrl,
    profileDir: options.profileDir,
    // The browser host keeps tokens in this process's memory only: closing it signs the nurse out.
    tokenVault: createMemoryTokenVault(),
    // Each nurse's store key lives in a 0600 key file beside her database (see services/store/README.md).
    storeKeyProvider: createKeyFileStoreKeyProvider(),
    transport: 'browser-host',
    version: options.version,
    logError: (method, error) =>
      console.error(`[host] ${method} failed: ${error instanceof Error ? error.name : 'error'}`),
  });
  const host = await startBrowserHost({
    dispatch: workstation.dispatch,
    events: workstation.events,
    rendererDir: path.resolve(options.rendererDir),
    port: options.port,
    onSocketError: (error) => console.error(`[host] bridge socket closed: ${describeErrorForLog(error)}`),
  });
  return {
    host,
    workstation,
    async close() {
      await host.close();
      await workstation.stop();
    },
  };
}
