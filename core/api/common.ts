// Building blocks shared by the bridge contract files: the table shapes and the empty argument object.
import { z } from 'zod';

/** A method takes a zod-validated argument object and answers a zod-described value. */
export type BridgeMethodTable = Record<string, { args: z.ZodType; result: z.ZodType }>;
export type BridgeEventTable = Record<string, z.ZodType>;

/** Arguments of a method that takes none; extra fields are refused rather than ignored. */
export const NoArgs = z.object({}).strict();
