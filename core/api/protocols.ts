// Bridge contract for the triage protocol library: the validated protocols main loaded from disk, and what was wrong with the rest.
//
// The renderer runs the triage engine and the search itself (both pure, in core/), so one call gives it
// everything they need: every usable protocol in full, with its id and version for the case record.
import { z } from 'zod';
import { ProtocolSchema } from '../triage/protocol';
import { NoArgs, type BridgeEventTable, type BridgeMethodTable } from './common';

/** A file that could not be used as it is, as the protocol linter reports it. */
export const ProtocolLoadProblemSchema = z.object({
  file: z.string(),
  path: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type ProtocolLoadProblem = z.infer<typeof ProtocolLoadProblemSchema>;

export const ProtocolLibrarySchema = z.object({
  /** Usable protocols, sorted by file name; a file with errors is left out and listed in `problems`. */
  protocols: z.array(ProtocolSchema),
  problems: z.array(ProtocolLoadProblemSchema),
  /** When main read the library (ISO time); it is read once per workstation start. */
  loadedAt: z.string(),
});
export type ProtocolLibrary = z.infer<typeof ProtocolLibrarySchema>;

export const protocolsMethods = {
  'protocols.list': { args: NoArgs, result: ProtocolLibrarySchema },
} as const satisfies BridgeMethodTable;

export const protocolsEvents = {} as const satisfies BridgeEventTable;
