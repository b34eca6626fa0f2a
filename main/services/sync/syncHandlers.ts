// Bridge handlers for sync: status, the refused items with their reasons, retry now, requeue one item.
import type { syncMethods } from '../../../core/api/sync';
import { BridgeFailure, type BridgeHandlers } from '../bridge/dispatcher';
import { StoreError } from '../store';
import type { SyncService } from './syncService';

export type SyncHandlers = Pick<BridgeHandlers, keyof typeof syncMethods>;

export function createSyncHandlers(deps: { sync: SyncService }): SyncHandlers {
  const { sync } = deps;
  const requireEngine = () => {
    const engine = sync.engine;
    if (!engine) throw new BridgeFailure('not_signed_in', 'Sign in to see and send what is saved here.');
    return engine;
  };
  return {
    'sync.status': () => sync.status(),
    'sync.quarantined': () => ({ items: sync.engine?.quarantined() ?? [] }),
    'sync.retryNow': () => requireEngine().syncNow(),
    'sync.requeue': ({ seq }) => {
      const engine = requireEngine();
      try {
        engine.requeue(seq);
      } catch (error) {
        if (error instanceof StoreError && error.code === 'not-found') {
          throw new BridgeFailure('invalid_arguments', `No refused item has number ${seq}.`);
        }
        throw error;
      }
      return engine.status();
    },
  };
}
