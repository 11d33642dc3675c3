/**
 * Drains the outbox: sends queued writes in the order they were made, many to a request through
 * `POST /v1/batch` (each with its own idempotency key and its own answer), one at a time to a server
 * that has no batch route. A batch is marked sending in one local transaction before it leaves and
 * its answers recorded in one after; the console hears of it once per batch. Each pass reads the
 * queue once, a page at a time, so replaying a long queue costs time in proportion to its length
 * and never holds the core's thread for long.
 */
import { MAX_BATCH_OPERATIONS, type BatchOperation } from '../../shared/api/batch.js';
import { errorBodySchema } from '../../shared/api/common.js';
import type { CacheTable } from '../../shared/ipc-contract.js';
import { ApiError, NetworkError, type ApiClient } from '../api/client.js';
import type { CacheStore } from '../cache/cache-store.js';
import {
  isLocalId,
  type OutboxStore,
  type QueuePosition,
  type QueuedWrite,
  type Settled,
} from '../outbox/outbox-store.js';
import {
  applyAnswer,
  localIdOf,
  operationRequest,
  sendAlone,
  type Refs,
  type SendableIntent,
} from './outbox-requests.js';

/**
 * Writes per request: as many as the server takes. Replay's cost is mostly per batch (a server
 * transaction and fsync, a round trip, a local transaction), so fewer, larger batches drain faster.
 */
export const BATCH_SIZE = MAX_BATCH_OPERATIONS;

/**
 * Queued writes read and validated at a time: a page costs a few milliseconds of the core's thread,
 * where the whole queue of 10,000 at once held it for hundreds (issue 14: loop-delay p99 ≤ 50 ms).
 */
const PAGE_ROWS = 100;

export interface PusherOptions {
  cache: CacheStore;
  outbox: OutboxStore;
  account: string;
  client: ApiClient;
  aborted(): boolean;
  /**
   * After each batch (or refusal): the counts changed and these tables must be read again;
   * `confirmed`, the queued writes whose answers the server confirmed.
   */
  onBatch(touched: Set<CacheTable>, confirmed?: readonly string[]): void;
  /** The server no longer accepts the sign-in, or could not be reached. */
  onError(message: string | null): void;
  /** A payment reached the cache from an answer: tell whoever waits for finished payments. */
  onPaymentsStored(): void;
}

type Entry = { item: SendableIntent; refs: Refs };

export class OutboxPusher {
  /** Set once the server answered that it has no batch route: one write per request from then on. */
  private noBatchRoute = false;

  /** Batches sent whose answers are not recorded yet (see recorded()). */
  private readonly unrecorded = new Set<Promise<unknown>>();

  constructor(private readonly o: PusherOptions) {}

  /**
   * Resolves once no batch sent is still waiting for its answers to be recorded. The sync engine
   * waits for it before writing a page of the feed: a page read after the server committed a batch
   * but written before the console recorded that batch's answers would show a record twice for a
   * moment, the server's copy beside the queued write that made it (a new customer listed twice).
   * Only the batches sent by now: one sent after a page arrived cannot be in that page.
   */
  async recorded(): Promise<void> {
    await Promise.allSettled([...this.unrecorded]);
  }

  private track(sending: Sending): Sending {
    const recorded = sending.recorded;
    this.unrecorded.add(recorded);
    void recorded.then(
      () => this.unrecorded.delete(recorded),
      () => this.unrecorded.delete(recorded),
    );
    return sending;
  }

  private batches(): boolean {
    return !this.noBatchRoute && typeof this.o.client.batch === 'function';
  }

  /**
   * One pass over the queue; returns whether anything was confirmed (the feed then has news). While a
   * batch is on its way the pass reads and builds the next, which leaves once the server answered
   * that one, and records that one's answers while the server works on it: the console's share of
   * the work overlaps the server's. A write naming a record a batch creates waits for that batch's
   * answers to be recorded.
   */
  async pushAll(): Promise<boolean> {
    const { outbox } = this.o;
    /**
     * Which queued write creates each local id, to tell "wait for it" from "it was refused"; filled
     * page by page (a creation is queued ahead of the writes naming it), null for "none queued".
     */
    const creators = new Map<string, string | null>();
    const flight = new Flight();
    let batch: Entry[] = [];
    const slices = new Slices();
    /**
     * Sends the batch built so far once the server answered the one before it (its answers are
     * recorded meanwhile, while the server works on this one); false when the rest must wait.
     */
    const flush = async (): Promise<boolean> => {
      if (!(await flight.answered())) return false;
      if (batch.length > 0) {
        // Marking a thousand writes and writing out the request is a slice's work of its own.
        await slices.yieldIfLong();
        flight.start(this.track(this.send(batch, slices, flight.recorded())));
      }
      batch = [];
      return true;
    };
    try {
      for await (const { read, readAt } of this.queue(slices, creators, () => flight.landings)) {
        // Building a batch of a thousand reads as many rows: let IPC and timers in between.
        await slices.yieldIfLong();
        if (this.o.aborted()) break;
        if (this.waitsForLanding(read) && !(await flight.landed())) return flight.confirmed;
        let item = readAt === flight.landings ? read : this.afresh(read);
        if (!item || item.state === 'rejected') continue;
        if (item.kind === 'unreadable') {
          outbox.reject(item.id, {
            code: 'unreadable',
            message: `this queued change (${item.payload.storedKind}) was stored in a form this version cannot read (${item.payload.reason}); discard it`,
          });
          this.o.onBatch(new Set());
          continue;
        }
        // It names a record whose creation rides in the batch being built: send that batch first.
        if (this.dependsOnBatch(item, batch)) {
          if (!(await flush()) || !(await flight.landed())) return flight.confirmed;
          item = outbox.get(item.id);
          if (!item || item.kind === 'unreadable') continue;
        }
        const refs = this.resolveRefs(item, creators);
        if (refs === 'waiting') continue;
        if (refs === 'orphaned') {
          outbox.reject(item.id, {
            code: 'dependency_rejected',
            message: 'the customer or wallet it belongs to was not created; discard it or fix that one first',
          });
          this.o.onBatch(new Set());
          continue;
        }
        batch.push({ item, refs });
        if (batch.length >= (this.batches() ? BATCH_SIZE : 1) && !(await flush())) return flight.confirmed;
      }
      if (!this.o.aborted()) await flush();
      await flight.landed();
      return flight.confirmed;
    } finally {
      // Passes run one at a time: none ends, not even by an error, with a batch still on its way.
      await flight.landed().catch(() => undefined);
    }
  }

  /**
   * Whether a write waits for the batch on its way before it is looked at: it is to be refused
   * (unreadable), or it names a record by local id, which that batch may create or fail to. Any
   * other write is only read and added to the next batch meanwhile: nothing about it depends on that
   * batch's answers.
   */
  private waitsForLanding(read: QueuedWrite): boolean {
    if (read.kind === 'unreadable') return true;
    const ticket = read.kind === 'ticket.reply' ? read.payload.ticketId : null;
    return isLocalId(read.customerId) || isLocalId(read.walletId) || isLocalId(ticket);
  }

  /**
   * A write read before a batch landed, as it stands now. Only a customer or wallet it names by
   * local id can have changed, mapped by that batch: read it again then, and only then. A write
   * discarded since is left out when its batch is marked sending; a ticket is resolved as it is sent.
   */
  private afresh(read: QueuedWrite): QueuedWrite | null {
    return isLocalId(read.customerId) || isLocalId(read.walletId) ? this.o.outbox.get(read.id) : read;
  }

  /**
   * The account's queue in order, read PAGE_ROWS at a time as the pass reaches them, keyed on the
   * queue's order rather than an offset: a write discarded or confirmed mid-pass shifts no other.
   * Writes queued during the pass are met at its end, in order. Each comes with how many batches
   * had landed when its page was read (`landings()` then).
   */
  private async *queue(
    slices: Slices,
    creators: Map<string, string | null>,
    landings: () => number,
  ): AsyncGenerator<{ read: QueuedWrite; readAt: number }> {
    let after: QueuePosition | null = null;
    do {
      await slices.yieldIfLong();
      if (this.o.aborted()) return;
      const page = this.o.outbox.pageAfter(this.o.account, after, PAGE_ROWS);
      const readAt = landings();
      for (const item of page.items) {
        const local = localIdOf(item);
        if (local) creators.set(local, item.id);
      }
      for (const read of page.items) yield { read, readAt };
      after = page.next;
    } while (after !== null);
  }

  /** The ticket a reply is for: its server id once its opening was confirmed, else its local id. */
  private ticketOf(item: QueuedWrite): string | null {
    if (item.kind !== 'ticket.reply') return null;
    return this.o.outbox.resolve(item.payload.ticketId) ?? item.payload.ticketId;
  }

  private dependsOnBatch(item: QueuedWrite, batch: Entry[]): boolean {
    if (batch.length === 0) return false;
    const refs = [item.customerId, item.walletId, this.ticketOf(item)].filter(
      (r) => isLocalId(r) && r !== localIdOf(item),
    );
    return refs.length > 0 && batch.some((e) => refs.includes(localIdOf(e.item)));
  }

  private resolveRefs(
    item: QueuedWrite,
    creators: Map<string, string | null>,
  ): Refs | 'waiting' | 'orphaned' {
    const refs = { customerId: item.customerId, walletId: item.walletId, ticketId: this.ticketOf(item) };
    for (const ref of [refs.customerId, refs.walletId, refs.ticketId]) {
      // A creation names its own local id: sending it is what maps that id, so it waits for nothing.
      if (!isLocalId(ref) || ref === localIdOf(item)) continue;
      // Still local: its creation is queued ahead of this one (wait) or was refused (orphaned).
      let creatorId = creators.get(ref!);
      if (creatorId === undefined) {
        // Not met ahead of this write in this pass: look once, and remember the answer for the pass.
        creatorId = this.o.outbox.creatorOf(this.o.account, ref!);
        creators.set(ref!, creatorId);
      }
      const creator = creatorId === null ? null : this.o.outbox.get(creatorId);
      return creator && creator.state !== 'rejected' ? 'waiting' : 'orphaned';
    }
    return refs;
  }

  /**
   * Sends one batch. `answered`: its answers are in and checked, and whether the rest may go on (a
   * write that could not be sent holds back everything queued after it). `recorded`: its answers are
   * in the cache and the outbox, after those of the batch before it (`before`).
   */
  private send(built: Entry[], slices: Slices, before: Promise<unknown>): Sending {
    const marked = this.o.outbox.markSendingMany(built.map((e) => e.item.id));
    const entries = built.filter((e) => marked.has(e.item.id));
    if (entries.length === 0) {
      return { answered: Promise.resolve(true), recorded: Promise.resolve({ confirmed: false }) };
    }
    const requests = entries.map((e) => operationRequest(e.item, e.refs));
    const checked = this.exchange(entries, requests).then(
      (answers) => this.check(answers, requests, slices),
      (error: unknown) => entries.map((): Checked => ({ ok: false, error: error as Error })),
    );
    const answered = checked.then((outcomes) => outcomes.every((o) => o.ok || isPermanent(o.error)));
    const recorded = Promise.all([checked, before]).then(([outcomes]) =>
      this.record(entries, outcomes, slices),
    );
    return { answered, recorded };
  }

  /** Each answer held to its route's schema; an answer of another shape is a failure to send. */
  private async check(
    answers: Array<{ ok: true; body: unknown; checked?: boolean } | { ok: false; error: Error }>,
    requests: ReturnType<typeof operationRequest>[],
    slices: Slices,
  ): Promise<Checked[]> {
    const outcomes: Checked[] = [];
    for (const [i, answer] of answers.entries()) {
      // A thousand answers checked: let IPC and timers in between.
      await slices.yieldIfLong();
      if (!answer.ok) {
        outcomes.push(answer);
        continue;
      }
      // The client checked a single request's answer already; a batch's are checked here.
      const parsed = answer.checked
        ? { success: true as const, data: answer.body }
        : requests[i]!.schema.safeParse(answer.body);
      outcomes.push(
        parsed.success
          ? { ok: true, data: parsed.data }
          : {
              ok: false,
              error: new NetworkError(`the answer to ${requests[i]!.path} has an unexpected shape`),
            },
      );
    }
    return outcomes;
  }

  /** A batch's outcomes into the cache and the outbox (one local transaction); the console told once. */
  private async record(entries: Entry[], outcomes: Checked[], slices: Slices): Promise<Recorded> {
    const touched = new Set<CacheTable>();
    const settled: Settled[] = [];
    let confirmed = false;
    let paymentStored = false;
    let signedOut = false;
    for (const [i, { item }] of entries.entries()) {
      // A thousand answers cached: let IPC and timers in between (settled once, below).
      await slices.yieldIfLong();
      const outcome = outcomes[i]!;
      if (outcome.ok) {
        const serverId = applyAnswer(item, outcome.data, this.o.cache, touched);
        const localId = localIdOf(item);
        settled.push({
          id: item.id,
          outcome: 'confirmed',
          mapping: serverId && localId ? { localId, serverId } : undefined,
        });
        confirmed = true;
        paymentStored ||= item.kind === 'payment.create';
        continue;
      }
      const { error } = outcome;
      if (isPermanent(error)) {
        settled.push({
          id: item.id,
          outcome: 'rejected',
          error: {
            code: error.code,
            message: error.message,
            ...(error instanceof ApiError && error.reason ? { reason: error.reason } : {}),
          },
        });
        continue;
      }
      // Unreachable, temporarily refused or signed out: keep it, in order, for the next connection.
      settled.push({ id: item.id, outcome: 'pending' });
      signedOut ||= error instanceof ApiError && error.status === 401;
    }
    await slices.yieldIfLong();
    this.o.outbox.settle(settled);
    // Said only once the outbox holds what it says, so whoever reads the outbox on hearing it
    // finds the kept writes pending, not still sending.
    if (signedOut) {
      this.o.onError('the server no longer accepts this sign-in: sign in again to send queued changes');
    }
    if (paymentStored) this.o.onPaymentsStored();
    this.o.onBatch(
      touched,
      settled.filter((s) => s.outcome === 'confirmed').map((s) => s.id),
    );
    return { confirmed };
  }

  /** Each write's answer body, or the error it met; throws when the whole request failed. */
  private async exchange(
    entries: Entry[],
    requests: ReturnType<typeof operationRequest>[],
  ): Promise<Array<{ ok: true; body: unknown; checked?: boolean } | { ok: false; error: Error }>> {
    if (this.batches()) {
      const operations: BatchOperation[] = entries.map((e, i) => ({
        path: requests[i]!.path,
        idempotencyKey: e.item.idempotencyKey,
        body: requests[i]!.body,
      }));
      try {
        const { results } = await this.o.client.batch(operations);
        return results.map((r) =>
          r.status < 300 ? { ok: true, body: r.body } : { ok: false, error: refusal(r) },
        );
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        // A server from before batches: send one write per request instead, from now on.
        if (error.status === 404 && error.code === 'not_found') this.noBatchRoute = true;
        // The batch as a whole refused (too large a body, or a role that may not batch: a support
        // agent's ticket replies): its writes go one by one, each answered for itself, rather than
        // all refused for what only the batch did wrong.
        else if (!(error.status === 400 || error.status === 403 || error.status === 413)) throw error;
      }
    }
    const answers: Array<{ ok: true; body: unknown; checked?: boolean } | { ok: false; error: Error }> = [];
    for (let i = 0; i < requests.length; i++) {
      try {
        const { item, refs } = entries[i]!;
        answers.push({ ok: true, body: await sendAlone(this.o.client, item, refs), checked: true });
      } catch (error) {
        answers.push({ ok: false, error: error as Error });
        // What follows waits, in order, behind a write that could not be sent.
        for (let rest = i + 1; rest < requests.length; rest++)
          answers.push({ ok: false, error: new NetworkError('not sent') });
        break;
      }
    }
    return answers;
  }
}

/** One batch as it goes: see OutboxPusher.send. */
interface Sending {
  answered: Promise<boolean>;
  recorded: Promise<Recorded>;
}
interface Recorded {
  confirmed: boolean;
}
type Checked = { ok: true; data: unknown } | { ok: false; error: Error };

/** A refusal the write itself earned (it is set aside as rejected), not a failure to deliver it. */
function isPermanent(error: Error): error is ApiError {
  return error instanceof ApiError && error.permanent;
}

/**
 * The batch on its way, at most one: the next leaves once the server answered it, while its answers
 * are recorded, and records its own after them. What sending or recording threw is thrown to
 * whoever waits for it, never left unhandled.
 */
class Flight {
  private answering: Promise<boolean> | null = null;
  /** Every batch started, recorded (in order); what recording one threw. */
  private recording: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;
  private goOn = true;
  /** Batches recorded: a local id mapped by one is news to a page read before it. */
  landings = 0;
  /** Whether any write sent in the pass was confirmed. */
  confirmed = false;

  start(sending: Sending): void {
    this.answering = sending.answered.then(
      (goOn) => {
        this.goOn &&= goOn;
        return goOn;
      },
      () => false,
    );
    this.recording = sending.recorded.then(
      (recorded) => {
        this.landings++;
        this.confirmed ||= recorded.confirmed;
      },
      (error: unknown) => {
        this.landings++;
        this.goOn = false;
        this.failure ??= { error };
      },
    );
  }

  /** Resolves once every batch started is recorded (for the next batch to record after it). */
  recorded(): Promise<void> {
    return this.recording;
  }

  /**
   * Waits for the server's answer to the batch on its way, if any; false when the rest of the queue
   * must wait (then also for its answers to be recorded, and throws what recording threw).
   */
  async answered(): Promise<boolean> {
    if (this.answering) {
      await this.answering;
      this.answering = null;
    }
    if (this.goOn && !this.failure) return true;
    return this.landed();
  }

  /** Waits for every batch to be answered and recorded; false when the rest of the queue must wait. */
  async landed(): Promise<boolean> {
    await this.answering;
    this.answering = null;
    await this.recording;
    if (this.failure) throw this.failure.error;
    return this.goOn;
  }
}

/** Milliseconds of work on the core's only thread before it lets others in (issue 14: p99 ≤ 50 ms). */
const SLICE_MS = 10;

/**
 * Hands the thread back (setImmediate) whenever the pass's work has run SLICE_MS since it last did.
 * One per pass, shared by the batch being built and the one being answered, which interleave: the
 * slice is the pass's, not each one's, and both wait for the same next turn when it has run out.
 */
class Slices {
  private started = performance.now();
  private next: Promise<void> | null = null;

  async yieldIfLong(): Promise<void> {
    while (performance.now() - this.started >= SLICE_MS) {
      this.next ??= new Promise((resolve) =>
        setImmediate(() => {
          this.next = null;
          this.started = performance.now();
          resolve();
        }),
      );
      await this.next;
    }
  }
}

/** A write's refusal inside a batch, as the same answer to a request of its own would have thrown it. */
function refusal(result: { status: number; body: unknown }): ApiError {
  const parsed = errorBodySchema.safeParse(result.body);
  if (parsed.success) {
    const { code, message, field, reason } = parsed.data.error;
    return new ApiError(result.status, code, message, field, reason);
  }
  return new ApiError(result.status, 'http_error', `the server answered ${result.status}`);
}
