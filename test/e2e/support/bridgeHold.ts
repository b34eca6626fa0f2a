// Holds chosen bridge calls of the page on the browser host's socket until the test releases them: a slow main side, on demand.
import type { Page } from '@playwright/test';

/**
 * Holds the workstation's calls of the given bridge methods on the bridge socket until released: e.g. the library's
 * first load (about a second of YAML and a 760 kB answer, more on a busy machine) made as slow as the test needs.
 */
export async function holdBridgeMethods(page: Page, methods: readonly string[]) {
  const held: (() => void)[] = [];
  let requests = 0;
  let released = false;
  await page.routeWebSocket(/\/bridge\?/, (socket) => {
    const host = socket.connectToServer();
    socket.onMessage((message) => {
      const call = JSON.parse(String(message)) as { method?: string };
      const matches = methods.includes(call.method ?? '');
      if (matches) requests += 1;
      if (matches && !released) held.push(() => host.send(message));
      else host.send(message);
    });
    host.onMessage((message) => socket.send(message));
  });
  return {
    requests: () => requests,
    release: () => {
      released = true;
      for (const send of held.splice(0)) send();
    },
  };
}
