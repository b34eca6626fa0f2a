// shell.attention over the dispatcher: passed to the window where there is one, a no-op in the browser host, and bad arguments refused by name.
import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, type BridgeHandlers } from '../../../main/services/bridge/dispatcher';
import { createAttentionHandlers } from '../../../main/services/shell/attentionHandlers';

const dispatcherWith = (handlers: Partial<BridgeHandlers>) => createDispatcher(handlers as BridgeHandlers);

describe('shell.attention', () => {
  it('hands the request to the window, with bringToFront false unless asked', async () => {
    const onAttention = vi.fn();
    const dispatch = dispatcherWith(createAttentionHandlers(onAttention));
    await expect(dispatch('shell.attention', { on: true })).resolves.toEqual({
      ok: true,
      value: { handled: true },
    });
    await dispatch('shell.attention', { on: false, bringToFront: true });
    expect(onAttention.mock.calls).toEqual([
      [{ on: true, bringToFront: false }],
      [{ on: false, bringToFront: true }],
    ]);
  });

  it('answers handled: false where the host has no window of its own', async () => {
    const dispatch = dispatcherWith(createAttentionHandlers(undefined));
    await expect(dispatch('shell.attention', { on: true })).resolves.toEqual({
      ok: true,
      value: { handled: false },
    });
  });

  it('refuses a missing or mistyped flag and unknown fields before the window is touched', async () => {
    const onAttention = vi.fn();
    const dispatch = dispatcherWith(createAttentionHandlers(onAttention));
    for (const args of [{}, { on: 'yes' }, { on: true, flash: 3 }]) {
      const result = await dispatch('shell.attention', args);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    }
    expect(onAttention).not.toHaveBeenCalled();
  });
});
