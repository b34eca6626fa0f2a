// The renderer-side API refuses names the contract does not declare, before anything is sent.
import { describe, expect, it, vi } from 'vitest';
import { createFirstlineApi, type BridgeTransport } from '../../../core/api/bridge';

describe('createFirstlineApi', () => {
  const transport = (): BridgeTransport & { invoke: ReturnType<typeof vi.fn> } => ({
    invoke: vi.fn(async () => ({ ok: true as const, value: null })),
    subscribe: vi.fn(() => () => undefined),
  });

  it('sends declared methods through the transport', async () => {
    const t = transport();
    await createFirstlineApi(t).invoke('session.get', {});
    expect(t.invoke).toHaveBeenCalledWith('session.get', {});
  });

  it('refuses an undeclared method without touching the transport', async () => {
    const t = transport();
    const api = createFirstlineApi(t);
    const result = await api.invoke('fs.readFile' as 'session.get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(t.invoke).not.toHaveBeenCalled();
  });

  it('delivers only the subscribed event', () => {
    let push: (event: string, payload: unknown) => void = () => undefined;
    const api = createFirstlineApi({
      invoke: vi.fn(),
      subscribe: (listener) => {
        push = listener;
        return () => undefined;
      },
    });
    const seen: unknown[] = [];
    api.on('session.changed', (payload) => seen.push(payload));
    push('connection.changed', { backend: 'offline' });
    push('session.changed', { status: 'signed-out' });
    expect(seen).toEqual([{ status: 'signed-out' }]);
    expect(() => api.on('window.open' as 'session.changed', () => undefined)).toThrow(/Unknown event/);
  });
});
