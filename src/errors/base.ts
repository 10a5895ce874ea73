/**
 * The base of the gateway's own errors. `code` is stable (logs, tests and callers branch on it; the
 * message may be reworded), `cause` is kept for the log, and `name` is the class's, so a log line or a
 * stack says what was thrown. Where an error becomes an HTTP answer is decided at the edge, not here.
 */
export abstract class GatewayError extends Error {
  abstract readonly code: string;

  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
