import { IncomingMessage, ServerResponse } from 'node:http';
import type { Express, Request, Response } from 'express';

export interface ServerClasses {
  readonly IncomingMessage: typeof IncomingMessage;
  readonly ServerResponse: typeof ServerResponse;
}

/**
 * Request and response classes for `createServer({ IncomingMessage, ServerResponse })` whose
 * instances are born with `app`'s request and response prototypes.
 *
 * Why: Express re-prototypes every request and response in `app.handle` (`Object.setPrototypeOf`),
 * which moves both objects off V8's fast paths for the rest of their life. On the 2-core bench
 * machine that alone cost ~100 µs per request, more than TLS, authentication and proxying together.
 * Objects created with the right prototype make Express's `setPrototypeOf` a no-op; everything
 * Express adds (`req.path`, `res.status`, `res.locals` ...) works unchanged.
 */
export function serverClasses(app: Express): ServerClasses {
  class AppRequest extends IncomingMessage {}
  class AppResponse<R extends IncomingMessage = IncomingMessage> extends ServerResponse<R> {}
  // AppRequest.prototype -> app.request -> Express's request -> IncomingMessage.prototype
  Object.setPrototypeOf(AppRequest.prototype, app.request);
  Object.setPrototypeOf(AppResponse.prototype, app.response);
  app.request = AppRequest.prototype as unknown as Request;
  app.response = AppResponse.prototype as unknown as Response;
  return { IncomingMessage: AppRequest, ServerResponse: AppResponse };
}
