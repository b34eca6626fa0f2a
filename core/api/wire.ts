// Messages on the browser host's bridge socket (renderer ⇄ host); parsed strictly so a bad frame never reaches a handler.
import { z } from 'zod';
import type { BridgeResult } from './bridge';

const ClientMessageSchema = z
  .object({
    type: z.literal('call'),
    id: z.number().int().nonnegative(),
    method: z.string().max(100),
    args: z.unknown(),
  })
  .strict();
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export type ServerMessage =
  | { type: 'result'; id: number; result: BridgeResult<unknown> }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'protocol-error'; message: string };

export function parseClientMessage(
  raw: string | null,
): { ok: true; value: ClientMessage } | { ok: false; error: string } {
  if (raw === null) return { ok: false, error: 'Binary frames are not accepted; send JSON text.' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'The message is not valid JSON.' };
  }
  const parsed = ClientMessageSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      error: `Malformed call message: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    };
  }
  return { ok: true, value: parsed.data };
}

const ServerMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('result'),
    id: z.number(),
    result: z.custom<BridgeResult<unknown>>((v) => typeof v === 'object' && v !== null && 'ok' in v),
  }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
  z.object({ type: z.literal('protocol-error'), message: z.string() }),
]);

export function parseServerMessage(raw: string): ServerMessage | null {
  try {
    const parsed = ServerMessageSchema.safeParse(JSON.parse(raw));
    return parsed.success ? (parsed.data as ServerMessage) : null;
  } catch {
    return null;
  }
}
