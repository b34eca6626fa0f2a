// The cases service's public surface: the nurse's store lifecycle, key providers and the bridge handlers.
export { NurseStore, STORE_FILE_NAME, type NurseStoreOptions, type OpenNurseStore } from './nurseStore';
export {
  createKeyFileStoreKeyProvider,
  STORE_KEY_FILE_NAME,
  type StoreKeyProvider,
} from './storeKeyProvider';
export {
  adviceCareUnitHsaId,
  createCaseHandlers,
  responsibleOf,
  type CaseHandlerDeps,
  type CaseHandlers,
} from './caseHandlers';
export { startOfServiceDay, SERVICE_TIME_ZONE } from './serviceDay';
