// Bridge handlers for the protocol library: read the YAML library once, then answer every protocols.list from memory.
import type { ProtocolLibrary, protocolsMethods } from '../../../core/api/protocols';
import { BridgeFailure, type BridgeHandlers } from '../bridge/dispatcher';
import { defaultProtocolDir, loadProtocols, type LoadedProtocols } from './loadProtocols';

export interface ProtocolLibraryOptions {
  /** The folder of protocol files; a packaged app passes its resources folder. Defaults to resources/protocols. */
  dir?: string;
  now?: () => Date;
  /** Replaceable for tests. */
  load?: (dir: string) => Promise<LoadedProtocols>;
}

export interface ProtocolLibraryService {
  /** The library, read from disk on the first call; throws BridgeFailure('protocols_unavailable') when the folder cannot be read. */
  get(): Promise<ProtocolLibrary>;
}

/**
 * Reads the library once per workstation start: protocol content only changes with a new release, and
 * parsing 40-odd YAML files on every call would cost more than the call. A failed read is not kept, so
 * the next call tries again (the folder may have been on a drive that was not mounted yet).
 */
export function createProtocolLibrary(options: ProtocolLibraryOptions = {}): ProtocolLibraryService {
  const dir = options.dir ?? defaultProtocolDir();
  const load = options.load ?? loadProtocols;
  const now = options.now ?? (() => new Date());
  let pending: Promise<ProtocolLibrary> | null = null;

  return {
    get() {
      pending ??= load(dir).then(
        (loaded) => ({
          protocols: loaded.protocols,
          problems: loaded.problems,
          loadedAt: now().toISOString(),
        }),
        (cause: unknown) => {
          pending = null;
          throw new BridgeFailure(
            'protocols_unavailable',
            `The protocol library could not be read: ${cause instanceof Error ? cause.message : String(cause)}`,
            { dir },
          );
        },
      );
      return pending;
    },
  };
}

export function createProtocolHandlers(deps: {
  library: ProtocolLibraryService;
}): Pick<BridgeHandlers, keyof typeof protocolsMethods> {
  return {
    'protocols.list': () => deps.library.get(),
  };
}
