// The local store's public surface for the rest of main/services and main/app.
export {
  IN_MEMORY,
  loadOrCreateKeyFile,
  openDatabase,
  openWorkstationStore,
  STORE_KEY_BYTES,
  type OpenDatabaseOptions,
  type OpenWorkstationStoreOptions,
} from './database';
export { StoreError, type StoreErrorCode } from './errors';
export { noteContentHash, payloadContentHash, sha256Hex } from './hashing';
export { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersionOf, type Migration } from './migrations';
export type { OutboxStatus, QuarantinedItem } from './outbox';
export type { PullApplyResult, PullConflict } from './pulls';
export { WorkstationStore, type AccessContext, type CaseView } from './workstationStore';
