// Opens the signed-in nurse's own encrypted store at sign-in and closes it at sign-out.
//
// Each nurse has a store of her own (`<profileDir>/<HSA-id>/workstation.db`, own key): a shared
// workstation never shows one nurse's local cases to the next one who signs in.
import path from 'node:path';
import type { SessionState, SignedInStaff } from '../../../core/api/bridge';
import { HsaIdSchema } from '../../../core/case';
import { BridgeFailure } from '../bridge/dispatcher';
import { IN_MEMORY, openWorkstationStore, StoreError, type WorkstationStore } from '../store';
import type { StoreKeyProvider } from './storeKeyProvider';

/** The database file's name inside the nurse's folder. */
export const STORE_FILE_NAME = 'workstation.db';

export interface NurseStoreOptions {
  /** The workstation profile; null keeps each nurse's store in memory only (tests, throw-away runs). */
  profileDir: string | null;
  keyProvider: StoreKeyProvider;
  now?: () => Date;
  /** Told when a store cannot be opened or closed; gets the error, which holds no patient data. */
  onOpenFailed?: (error: unknown) => void;
}

/** The store of the nurse signed in right now, with who she is. */
export interface OpenNurseStore {
  store: WorkstationStore;
  staff: SignedInStaff;
}

/**
 * Hears the store open (with the nurse) and close (null). A listener may return a promise: the store is
 * closed only after every listener has settled, so work such as a sync push can stop cleanly first.
 */
export type NurseStoreListener = (open: OpenNurseStore | null) => void | Promise<void>;

export class NurseStore {
  private open: OpenNurseStore | null = null;
  /** The open or close in progress; calls wait for it so the first call after sign-in finds the store. */
  private transition: Promise<void> = Promise.resolve();
  private openFailure: StoreError | null = null;
  private readonly listeners = new Set<NurseStoreListener>();

  constructor(private readonly options: NurseStoreOptions) {}

  /** The store's path for a nurse; the HSA-id is validated so it can never climb out of the profile. */
  static fileFor(profileDir: string, hsaId: string): string {
    const parsed = HsaIdSchema.safeParse(hsaId);
    if (!parsed.success) throw new StoreError('invalid-input', 'The signed-in HSA-id is not a valid HSA-id.');
    return path.join(profileDir, parsed.data, STORE_FILE_NAME);
  }

  /** Follows the session: sign-in opens the nurse's store, sign-out (or another nurse) closes it. */
  sessionChanged(state: SessionState): Promise<void> {
    return this.enqueue(() => (state.status === 'signed-in' ? this.openFor(state.staff) : this.closeNow()));
  }

  /** The open store, waiting for a sign-in that is still opening it; answers not_signed_in otherwise. */
  async require(): Promise<OpenNurseStore> {
    await this.transition;
    if (this.open) return this.open;
    if (this.openFailure) {
      throw new BridgeFailure('store_unavailable', this.openFailure.message, {
        storeError: this.openFailure.code,
      });
    }
    throw new BridgeFailure('not_signed_in', 'Sign in to see and document cases.');
  }

  /** The open store right now, without waiting (null while signed out or opening). */
  get current(): OpenNurseStore | null {
    return this.open;
  }

  /** Hears every open and close, e.g. for the sync engine to start and stop with the store. */
  subscribe(listener: NurseStoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the store (workstation shutting down). */
  close(): Promise<void> {
    return this.enqueue(() => this.closeNow());
  }

  /** Opens and closes run one after another; a failure is reported and never blocks the next one. */
  private enqueue(work: () => Promise<void>): Promise<void> {
    this.transition = this.transition
      .then(work)
      .catch((error: unknown) => this.options.onOpenFailed?.(error));
    return this.transition;
  }

  private async openFor(staff: SignedInStaff): Promise<void> {
    if (this.open && this.open.staff.hsaId === staff.hsaId) {
      // A token refresh repeats the sign-in: keep the store, take the newest name and title.
      this.open = { store: this.open.store, staff };
      return;
    }
    await this.closeNow();
    this.openFailure = null;
    try {
      const store = await this.openStore(staff.hsaId);
      this.open = { store, staff };
    } catch (error) {
      this.openFailure =
        error instanceof StoreError
          ? error
          : new StoreError('wrong-key', 'The local database could not be opened.', { cause: error });
      this.options.onOpenFailed?.(error);
      return;
    }
    await this.notify();
  }

  private async openStore(hsaId: string): Promise<WorkstationStore> {
    const { profileDir, now } = this.options;
    if (profileDir === null) return openWorkstationStore({ file: IN_MEMORY, now });
    const file = NurseStore.fileFor(profileDir, hsaId);
    const key = await this.options.keyProvider.keyFor(path.dirname(file));
    return openWorkstationStore({ file, key, now });
  }

  private async closeNow(): Promise<void> {
    this.openFailure = null;
    if (!this.open) return;
    const { store } = this.open;
    this.open = null;
    await this.notify();
    store.close();
  }

  private async notify(): Promise<void> {
    const open = this.open;
    const results = await Promise.allSettled([...this.listeners].map(async (listener) => listener(open)));
    for (const result of results) {
      if (result.status === 'rejected') this.options.onOpenFailed?.(result.reason);
    }
  }
}
