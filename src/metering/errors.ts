import { GatewayError } from '../errors/base.ts';
import type { BillingFailure } from './billing-state.ts';

/**
 * The billing endpoint could not be used this time; the events were not settled and will be retried.
 * `message` is for operators (`/status`); `detail` (an errno, an error name) is for the log.
 */
export class BillingUnavailableError extends GatewayError {
  readonly code = 'BILLING_UNAVAILABLE';
  constructor(
    readonly kind: BillingFailure,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** The endpoint refused the whole batch as malformed (HTTP 400): a terminal answer for every event in it. */
export class BatchRejectedError extends GatewayError {
  readonly code = 'BILLING_BATCH_REJECTED';
}

/** The ledger could not make usage durable: the request that produced it must not be reported a success. */
export class LedgerUnavailableError extends GatewayError {
  readonly code = 'LEDGER_UNAVAILABLE';
}

/** Another process holds this ledger (see `LedgerStore` constructor). */
export class LedgerBusyError extends GatewayError {
  readonly code = 'LEDGER_BUSY';
}
