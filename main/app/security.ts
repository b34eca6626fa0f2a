// Window security policy for the Electron shell, as plain functions so it is testable without Electron.
import type { WebContents, WebPreferences } from 'electron';

/** The renderer is served from this privileged scheme, so it has a real origin to check against. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://firstline`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // MUI/emotion inject styles at run time
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    spellcheck: false,
  };
}

export function isAppUrl(url: string): boolean {
  try {
    // URL#origin is "null" for custom schemes in Node, so compare scheme and host instead.
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'firstline';
  } catch {
    return false;
  }
}

/** Navigation away from the app is never allowed; in-app navigation (reloads) is. */
export function shouldBlockNavigation(url: string): boolean {
  return !isAppUrl(url);
}

/** Camera and microphone for video consultations and notifications of offered calls, to the app's own origin only; nothing else, ever. */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  details: { mediaTypes?: ReadonlyArray<string> } = {},
): boolean {
  if (!isAppUrl(requestingUrl)) return false;
  // Desktop notifications announce an offered call when the window is behind another program.
  if (permission === 'notifications') return true;
  if (permission !== 'media') return false;
  const types = details.mediaTypes ?? [];
  return types.every((type) => type === 'video' || type === 'audio');
}

/** Applies every guard to a window's web contents. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (shouldBlockNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (shouldBlockNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, details as { mediaTypes?: string[] }));
  });
  contents.session.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    isPermissionAllowed(permission === 'media' ? 'media' : permission, requestingOrigin),
  );
}
