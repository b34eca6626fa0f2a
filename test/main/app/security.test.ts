// The Electron window's guards: no navigation away, no new windows or webviews, media only for the app.
import { describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  hardenWebContents,
  isPermissionAllowed,
  secureWebPreferences,
  shouldBlockNavigation,
} from '../../../main/app/security';

type Handler = (...args: unknown[]) => unknown;

function fakeWebContents() {
  const handlers = new Map<string, Handler>();
  let windowOpenHandler: Handler = () => ({ action: 'allow' });
  let permissionHandler: Handler = () => undefined;
  let permissionCheck: Handler = () => true;
  const contents = {
    on: (name: string, handler: Handler) => handlers.set(name, handler),
    setWindowOpenHandler: (handler: Handler) => (windowOpenHandler = handler),
    session: {
      setPermissionRequestHandler: (handler: Handler) => (permissionHandler = handler),
      setPermissionCheckHandler: (handler: Handler) => (permissionCheck = handler),
    },
  };
  hardenWebContents(contents as unknown as WebContents);
  const fire = (name: string, ...args: unknown[]) => {
    const event = { preventDefault: vi.fn() };
    handlers.get(name)?.(event, ...args);
    return event.preventDefault.mock.calls.length > 0;
  };
  const askPermission = (permission: string, requestingUrl: string, mediaTypes?: string[]) =>
    new Promise<boolean>((resolve) =>
      permissionHandler(contents, permission, resolve, { requestingUrl, mediaTypes }),
    );
  return {
    fire,
    windowOpen: (url: string) => windowOpenHandler({ url }),
    askPermission,
    check: permissionCheck,
  };
}

describe('Electron window security', () => {
  it('turns on isolation and the sandbox, and Node off', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
    });
  });

  it('has a CSP that only allows its own scripts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('blocks navigation and redirects to anything outside the app', () => {
    const window = fakeWebContents();
    expect(window.fire('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(window.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(window.fire('will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(window.fire('will-navigate', `${APP_ORIGIN}/index.html`)).toBe(false);
    expect(shouldBlockNavigation('not a url')).toBe(true);
  });

  it('denies every new window and webview', () => {
    const window = fakeWebContents();
    expect(window.windowOpen('https://1177.se')).toEqual({ action: 'deny' });
    expect(window.windowOpen(`${APP_ORIGIN}/index.html`)).toEqual({ action: 'deny' });
    expect(window.fire('will-attach-webview')).toBe(true);
  });

  it('grants camera, microphone and notifications to the app origin only, and nothing else to anyone', async () => {
    const window = fakeWebContents();
    await expect(window.askPermission('media', `${APP_ORIGIN}/index.html`, ['video', 'audio'])).resolves.toBe(
      true,
    );
    await expect(window.askPermission('media', 'https://evil.example/', ['video'])).resolves.toBe(false);
    await expect(window.askPermission('geolocation', `${APP_ORIGIN}/index.html`)).resolves.toBe(false);
    // An offered call's desktop notification: the app's own page may show one, no other page may.
    await expect(window.askPermission('notifications', `${APP_ORIGIN}/`)).resolves.toBe(true);
    await expect(window.askPermission('notifications', 'https://evil.example/')).resolves.toBe(false);
    expect(window.check(null, 'notifications', APP_ORIGIN)).toBe(true);
    expect(window.check(null, 'notifications', 'https://evil.example')).toBe(false);
    expect(isPermissionAllowed('media', `${APP_ORIGIN}/`, { mediaTypes: ['video', 'screen'] })).toBe(false);
    expect(window.check(null, 'clipboard-read', APP_ORIGIN)).toBe(false);
  });
});
