// The sync service's public surface: the engine, its HTTPS transport, the per-store service and the bridge handlers.
export {
  describeQuarantined,
  realScheduler,
  retryDelayMs,
  SyncEngine,
  type LiveEventSource,
  type Scheduler,
  type SyncEngineOptions,
} from './syncEngine';
export { createSyncHandlers, type SyncHandlers } from './syncHandlers';
export { IDLE_SYNC_STATUS, SyncService, type SyncServiceOptions } from './syncService';
export {
  createHttpSyncTransport,
  SyncTransportError,
  type HttpSyncTransportOptions,
  type PullRequest,
  type SyncFailureKind,
  type SyncTransport,
} from './transport';
