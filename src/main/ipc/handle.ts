import type { z } from 'zod';
import type { RefusalReason } from '../../shared/api/common.js';
import { validationReason } from '../../shared/api/validation-reason.js';
import {
  channels,
  type Channel,
  type ChannelArgs,
  type ChannelResult,
  type IpcResult,
} from '../../shared/ipc-contract.js';
import { ApiError, NetworkError } from '../api/client.js';

/**
 * A refusal a handler wants the renderer to see as it is (code, message, field), and where it has
 * one, the same as data the renderer words in the console's language (`reason`).
 */
export class HandlerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly reason?: RefusalReason,
  ) {
    super(message);
    this.name = 'HandlerError';
  }
}

export type Handlers = {
  [C in Channel]: (args: ChannelArgs<C>) => Promise<ChannelResult<C>> | ChannelResult<C>;
};

/**
 * The one wrapper every IPC call goes through, whatever carries it (Electron IPC or the browser
 * host's WebSocket): it refuses an untrusted sender, parses the `unknown` input with the channel's
 * schema, and turns every outcome into `{ok: true, value} | {ok: false, error}` — never a throw
 * across the boundary, never an internal error's details.
 */
export function createDispatcher<S>(
  handlers: Handlers,
  isTrustedSender: (sender: S) => boolean,
  log: (message: string, error: unknown) => void = () => undefined,
) {
  return async function dispatch(sender: S, channel: unknown, input: unknown): Promise<IpcResult<unknown>> {
    if (typeof channel !== 'string' || !Object.hasOwn(channels, channel)) {
      return {
        ok: false,
        error: { code: 'unknown_channel', message: `no such channel: ${String(channel)}` },
      };
    }
    if (!isTrustedSender(sender)) {
      return {
        ok: false,
        error: { code: 'forbidden_sender', message: 'this window may not call the desktop core' },
      };
    }
    const name = channel as Channel;
    const parsed = (channels[name].input as z.ZodType).safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.') || undefined;
      const reason = validationReason(issue);
      return {
        ok: false,
        error: {
          code: 'validation',
          message: field ? `${field}: ${issue.message}` : issue.message,
          ...(field ? { field } : {}),
          ...(reason ? { reason } : {}),
        },
      };
    }
    try {
      const handler = handlers[name] as (args: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof HandlerError || error instanceof ApiError) {
        const reason = error.reason;
        return {
          ok: false,
          error: {
            code: error.code,
            message: error.message,
            ...(error.field ? { field: error.field } : {}),
            ...(reason ? { reason } : {}),
          },
        };
      }
      if (error instanceof NetworkError)
        return { ok: false, error: { code: 'offline', message: error.message } };
      log(`ipc ${name} failed`, error);
      return { ok: false, error: { code: 'internal', message: 'something went wrong in the desktop core' } };
    }
  };
}
