import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Principal } from '../shared/api/auth.js';
import type { Authenticator } from './auth/authenticator.js';
import type { Store } from './db/database.js';
import type { PaymentService } from './payments/service.js';
import type { StatementSigner } from './services/statements/signer.js';
import type { Throttle } from './services/auth/throttle.js';
import type { Sequencer } from './sync/sequencer.js';

export type Api = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What every route needs; built once by buildApp. */
export interface AppContext {
  store: Store;
  sequencer: Sequencer;
  auth: Authenticator;
  /** Attempt counters for sign-in and credentials, shared by every API process. */
  throttle: Throttle;
  /** The current time as the ISO string stored in every row. */
  now(): string;
  /** Top-ups through gateways: providers, event processing and the work of the payment jobs. */
  payments: PaymentService;
  /** Signs wallet statements; null when no credentials key is set (PostgreSQL without CREDENTIALS_KEY). */
  statements: StatementSigner | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}
