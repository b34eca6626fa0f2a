// Electron entry: single instance, one hardened window, the app:// protocol and the IPC bridge.
import { app, BrowserWindow, ipcMain, net, protocol, safeStorage, screen } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createWorkstation } from '../services/workstation';
import { createSafeStorageVault } from './safeStorageVault';
import { createSafeStorageKeyProvider } from './safeStorageKeyProvider';
import { forwardEvents, registerBridgeIpc } from './ipc';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, hardenWebContents, secureWebPreferences } from './security';
import { fitBoundsToDisplays, loadWindowBounds, saveWindowBounds } from './windowState';
import { watchRendererHealth } from './rendererRecovery';
import { windowAttention } from './windowAttention';

const backendUrl = process.env.FIRSTLINE_BACKEND_URL ?? 'http://127.0.0.1:8080';
const rendererDir = path.join(import.meta.dirname, '../renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

async function start() {
  const profileDir = app.getPath('userData');
  // The window is made after the services (it loads their bridge); until then attention has nothing to flash.
  let attentionWindow: BrowserWindow | null = null;
  const workstation = await createWorkstation({
    backendUrl,
    profileDir,
    tokenVault: createSafeStorageVault(safeStorage, path.join(profileDir, 'session.bin')),
    storeKeyProvider: createSafeStorageKeyProvider(safeStorage),
    // Packaged apps carry the protocol library as an extra resource (electron-builder.yml).
    protocolDir: app.isPackaged ? path.join(process.resourcesPath, 'protocols') : undefined,
    transport: 'electron',
    version: app.getVersion(),
    onAttention: windowAttention(() => attentionWindow),
    logError: (method, error) =>
      console.error(`[main] ${method} failed: ${error instanceof Error ? error.name : 'error'}`),
  });

  protocol.handle(APP_SCHEME, async (request) => {
    const { pathname } = new URL(request.url);
    const file = path.join(
      rendererDir,
      path.normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, ''),
    );
    const target = file.startsWith(rendererDir + path.sep) ? file : path.join(rendererDir, 'index.html');
    const response = await net.fetch(pathToFileURL(target).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(response.body, { status: response.status, headers });
  });

  registerBridgeIpc(ipcMain, workstation.dispatch);

  const boundsFile = path.join(profileDir, 'window-state.json');
  const bounds = fitBoundsToDisplays(
    loadWindowBounds(boundsFile),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...bounds,
    minWidth: 1024,
    minHeight: 700,
    title: 'Firstline',
    show: false,
    webPreferences: secureWebPreferences(path.join(import.meta.dirname, '../preload/preload.cjs')),
  });
  hardenWebContents(window.webContents);
  attentionWindow = window;
  // A crashed or hung renderer is reloaded; the page restores the nurse's call and case from main.
  watchRendererHealth(window, { log: (message) => console.error(`[main] ${message}`) });
  const stopForwarding = forwardEvents(workstation.events, window.webContents);
  if (bounds.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () =>
    saveWindowBounds(boundsFile, { ...window.getNormalBounds(), maximized: window.isMaximized() }),
  );
  window.on('closed', stopForwarding);

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    void workstation.stop().then(() => app.quit());
  });
  // No other window may ever be created, whatever a page tries.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  await window.loadURL(`${APP_SCHEME}://firstline/index.html`);
}
