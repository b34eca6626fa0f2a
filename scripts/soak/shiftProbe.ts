// The shift soak's memory sampling over CDP and /proc: heap after GC, DOM counters, open WebSockets, renderer and host RSS.
//
// Chromium 156 headless reports no memory per process over CDP, but `SystemInfo.getProcessInfo` (on the
// browser session) lists every process with its pid and CPU time. There are several renderers (the page's
// and spare ones), so the page's is found by making the page busy for a moment and taking the renderer whose
// CPU time grew most; its RSS is VmRSS in /proc/<pid>/status, as is the host's. DOM counters are the
// lowest of several reads (restingDomCounters), the heap is read after two forced collections.
import { readFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from '@playwright/test';
import type { ShiftSample } from './shiftVerdict';

/** Reads of the DOM counters per sample, this far apart (two seconds in all). */
const COUNTER_READS = 9;
const COUNTER_GAP_MS = 250;

interface ProcessInfo {
  type: string;
  id: number;
  cpuTime: number;
}

/** VmRSS of a process in bytes, or null when /proc does not have it (gone, or not Linux). */
export function rssBytes(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export class ShiftProbe {
  private readonly openSockets = new Set<string>();
  private rendererPid: number | null = null;

  private constructor(
    private readonly page: Page,
    private readonly session: CDPSession,
    private readonly browserSession: CDPSession,
    private readonly hostPid: number,
  ) {}

  /** Attach before the page opens the workstation, so its first WebSocket is counted too. */
  static async attach(browser: Browser, page: Page, hostPid: number): Promise<ShiftProbe> {
    const session = await page.context().newCDPSession(page);
    const browserSession = await browser.newBrowserCDPSession();
    const probe = new ShiftProbe(page, session, browserSession, hostPid);
    session.on('Network.webSocketCreated', (event) => probe.openSockets.add(event.requestId));
    session.on('Network.webSocketClosed', (event) => probe.openSockets.delete(event.requestId));
    // Nothing of the responses needs keeping: only the WebSocket events are read.
    await session.send('Network.enable', { maxTotalBufferSize: 0, maxResourceBufferSize: 0 });
    return probe;
  }

  private async processes(): Promise<ProcessInfo[]> {
    // Not in Playwright's protocol types, which cover what Playwright itself uses.
    const send = this.browserSession.send.bind(this.browserSession) as (
      method: string,
    ) => Promise<{ processInfo: ProcessInfo[] }>;
    return (await send('SystemInfo.getProcessInfo')).processInfo;
  }

  /** The page's renderer: the one whose CPU time grows while the page spins for 400 ms. */
  private async findRenderer(): Promise<number | null> {
    const before = new Map((await this.processes()).map((p) => [p.id, p.cpuTime]));
    await this.page.evaluate(() => {
      const until = performance.now() + 400;
      while (performance.now() < until) {
        /* busy on purpose */
      }
    });
    const grown = (await this.processes())
      .filter((p) => p.type === 'renderer')
      .map((p) => ({ pid: p.id, by: p.cpuTime - (before.get(p.id) ?? 0) }))
      .sort((a, b) => b.by - a.by);
    return grown[0]?.pid ?? null;
  }

  /**
   * The DOM counters of the screen at rest: the lowest of several reads over two seconds. In the same
   * screen state, with nothing done, a few listeners come and go (seen: 353, then 360 for a second, then
   * 353), so a single read says little; what a shift retains raises the lowest read as well.
   */
  private async restingDomCounters() {
    let lowest = await this.session.send('Memory.getDOMCounters');
    for (let i = 1; i < COUNTER_READS; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, COUNTER_GAP_MS));
      const dom = await this.session.send('Memory.getDOMCounters');
      lowest = {
        documents: Math.min(lowest.documents, dom.documents),
        nodes: Math.min(lowest.nodes, dom.nodes),
        jsEventListeners: Math.min(lowest.jsEventListeners, dom.jsEventListeners),
      };
    }
    return lowest;
  }

  async sample(call: number): Promise<ShiftSample> {
    // Twice: a first collection can leave objects that only a second frees (weak references, finalizers).
    await this.session.send('HeapProfiler.collectGarbage');
    await this.session.send('HeapProfiler.collectGarbage');
    const heap = await this.session.send('Runtime.getHeapUsage');
    const dom = await this.restingDomCounters();
    if (this.rendererPid === null || rssBytes(this.rendererPid) === null)
      this.rendererPid = await this.findRenderer();
    return {
      call,
      heapBytes: heap.usedSize,
      documents: dom.documents,
      nodes: dom.nodes,
      listeners: dom.jsEventListeners,
      webSockets: this.openSockets.size,
      rendererRssBytes: this.rendererPid === null ? null : rssBytes(this.rendererPid),
      hostRssBytes: rssBytes(this.hostPid),
    };
  }

  async detach(): Promise<void> {
    await this.session.detach().catch(() => undefined);
    await this.browserSession.detach().catch(() => undefined);
  }
}
