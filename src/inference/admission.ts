import { PoolClosedError, PoolOverloadedError, UnknownModelError } from './errors.ts';
import type { UsageReservations } from './reservations.ts';
import type { PoolRequest } from './events.ts';

export interface AdmissionSettings {
  readonly maxQueuedDocuments: number;
  readonly retryAfterSeconds: number;
}

interface Waiter {
  readonly documents: number;
  readonly wake: () => void;
}

/**
 * Whether a request gets in (backpressure: a full queue refuses rather than buffers), the usage
 * reservation around each one that does, and the "capacity available" signal for work that must
 * wait for room rather than be refused.
 */
export class Admission {
  private closed = false;
  private nextId = 1;
  private waiters: Waiter[] = [];

  constructor(
    private readonly settings: AdmissionSettings,
    private readonly reservations: UsageReservations | undefined,
  ) {}

  /** Why a request of `documents` for `model` cannot get in now (`known`: the pool serves it), if it cannot. */
  refusal(model: string, known: boolean, documents: number, queued: number): Error | undefined {
    if (this.closed) return new PoolClosedError();
    if (!known) return new UnknownModelError(model);
    if (documents > 0 && queued + documents > this.settings.maxQueuedDocuments) {
      return new PoolOverloadedError(this.settings.retryAfterSeconds);
    }
    return undefined;
  }

  request(model: string, texts: readonly string[], meta: unknown, correlation: unknown): PoolRequest {
    return {
      id: this.nextId++,
      model,
      texts,
      meta,
      correlation,
      admittedAtMs: Date.now(),
      admittedAt: performance.now(),
    };
  }

  /**
   * Runs `inference` for an admitted request under its usage reservation: reserved now, flushed when
   * its batch starts (`inference` gets the function to call then) or when it settles first,
   * committed once analysed, released if it fails after the reservation became durable. Settles
   * only once the reservation did.
   */
  reserved<T>(
    request: PoolRequest,
    inference: (started: (() => void) | undefined) => Promise<T>,
  ): Promise<T> {
    const meter = this.reservations;
    const reservation = meter?.reserve(request);
    if (!meter || !reservation) return inference(undefined);
    let pending = true;
    // Never an unhandled rejection while the inference runs: it is awaited below either way.
    reservation.then(
      () => (pending = false),
      () => (pending = false),
    );
    const flush = (): void => {
      if (pending) meter.flush(request);
    };
    return inference(flush).then(
      async (result) => {
        flush();
        await reservation;
        meter.commit(request);
        return result;
      },
      async (err: unknown) => {
        flush();
        const durable = await reservation.then(
          () => true,
          () => false,
        );
        if (durable) await meter.release(request);
        throw err;
      },
    );
  }

  /**
   * Resolves once `documents` more fit in the queue (at once if they do), when the pool closes, or
   * when `signal` aborts. A signal, not a promise of room: the caller tries again, and may find the
   * room taken meanwhile (or learn that the pool closed).
   */
  whenRoom(documents: number, queued: number, signal?: AbortSignal): Promise<void> {
    const wanted = Math.min(documents, this.settings.maxQueuedDocuments);
    if (this.closed || signal?.aborted || queued + wanted <= this.settings.maxQueuedDocuments) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const waiter: Waiter = {
        documents: wanted,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** The queue now holds `queued` documents: wakes the waiters that fit, oldest first. */
  queueChanged(queued: number): void {
    if (this.waiters.length === 0) return;
    let room = this.settings.maxQueuedDocuments - queued;
    let woken = 0;
    for (const waiter of this.waiters) {
      if (waiter.documents > room) break;
      room -= waiter.documents;
      woken++;
    }
    for (const waiter of this.waiters.splice(0, woken)) waiter.wake();
  }

  /** Refuses every request from now on and wakes every waiter (its retry learns that the pool closed). */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter.wake();
  }
}
