// The shell's window-attention method: the Electron window flashes its taskbar entry or comes forward; the browser host has no window of its own.
import type { WindowAttention } from '../../../core/api/bridge';
import type { BridgeHandlers } from '../bridge/dispatcher';

/** Does what the window can; main/app passes one in Electron. */
export type WindowAttentionHook = (request: Required<WindowAttention>) => void;

export function createAttentionHandlers(
  onAttention: WindowAttentionHook | undefined,
): Pick<BridgeHandlers, 'shell.attention'> {
  return {
    'shell.attention': ({ on, bringToFront }) => {
      if (!onAttention) return { handled: false };
      onAttention({ on, bringToFront: bringToFront ?? false });
      return { handled: true };
    },
  };
}
