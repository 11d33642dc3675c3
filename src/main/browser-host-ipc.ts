import type { RawData } from 'ws';
import { z } from 'zod';

/** WebSocket close codes the browser host uses (RFC 6455 §7.4.1). */
export const IPC_CLOSE = {
  /** A message that is not a JSON invoke: the page and the host disagree on the protocol. */
  unsupported: 1003,
  /** The host failed while handling a message (a bug): the page reconnects. */
  internal: 1011,
} as const;

const invokeSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  // Channel and input are the dispatcher's to check: it answers an unknown channel or bad input.
  channel: z.unknown(),
  input: z.unknown(),
});

export type IpcInvoke = z.infer<typeof invokeSchema>;

export type ParsedIpcMessage =
  { ok: true; value: IpcInvoke } | { ok: false; code: (typeof IPC_CLOSE)['unsupported']; reason: string };

/** One message from the page: a text frame holding `{type: 'invoke', id, channel, input}`. */
export function parseIpcMessage(raw: RawData, isBinary: boolean): ParsedIpcMessage {
  if (isBinary) return refused('binary messages are not accepted');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw));
  } catch {
    return refused('not JSON');
  }
  const parsed = invokeSchema.safeParse(json);
  if (!parsed.success) return refused('not an invoke');
  return { ok: true, value: parsed.data };
}

function refused(reason: string): ParsedIpcMessage {
  return { ok: false, code: IPC_CLOSE.unsupported, reason };
}
