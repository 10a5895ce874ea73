import type { NextFunction, Request, Response } from 'express';
import { payloadTooLarge, unsupportedCharset } from './error-handler.ts';

/** `charset=…` of a Content-Type, lower case and unquoted; undefined when there is none. */
function charsetOf(contentType: string): string | undefined {
  const match = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(contentType);
  return match ? match[2]!.toLowerCase() : undefined;
}

/**
 * Checks a JSON request body's declared shape before the parser reads it:
 * - its charset is UTF-8 or absent (RFC 8259 §8.1). The parser would decode any `utf-*` it knows,
 *   UTF-7 included, where `+ADw-` is `<`: a payload filters in front of the gateway never saw.
 * - its declared length fits the body limit. The parser refuses a larger one too, but only after it
 *   has read (and dropped) the whole body, so that the connection can be reused: a caller declaring
 *   10^15 bytes held the request until its timeout. Refused now, and the connection closes.
 */
export function bodyGuard(limitBytes: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const type = req.headers['content-type'];
    if (type !== undefined) {
      const charset = charsetOf(type);
      if (charset !== undefined && charset !== 'utf-8') return next(unsupportedCharset());
    }
    const length = req.headers['content-length'];
    if (length !== undefined && Number(length) > limitBytes) {
      res.setHeader('Connection', 'close');
      return next(payloadTooLarge(limitBytes));
    }
    next();
  };
}
