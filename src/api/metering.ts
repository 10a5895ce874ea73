import { type NextFunction, type Request, type Response, Router } from 'express';
import { isAnalysisRequest } from '../http/analysis-request.ts';
import { ApiError } from '../http/errors.ts';
import type { Metering } from '../metering/service.ts';

/**
 * Azure's connectivity rule on the request path: once billing has been unreachable for longer than
 * the grace period, analysis requests (`isAnalysisRequest`) are refused; reads of existing jobs
 * and cancels still work.
 */
export function meteringGate(metering: Metering, retryAfterSeconds: number) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!isAnalysisRequest(req) || !metering.refusing()) return next();
    next(
      ApiError.unavailable(
        'Usage could not be reported to the billing endpoint (Billing) for longer than the allowed grace period; analysis requests are refused until billing is reachable again. See /status.',
        retryAfterSeconds,
      ),
    );
  };
}

/** `GET /records/usage-logs/` and `/records/usage-logs/{MM}/{YYYY}` (disconnected mode only). */
export function usageLogRoutes(metering: Metering): Router {
  const router = Router();
  if (metering.mode !== 'disconnected') return router;
  router.get(['/records/usage-logs', '/records/usage-logs/'], async (_req, res) => {
    res.json(await metering.usageLog());
  });
  router.get('/records/usage-logs/:month/:year', async (req, res) => {
    const month = Number(req.params.month);
    const year = Number(req.params.year);
    if (
      !/^\d{1,2}$/.test(String(req.params.month)) ||
      month < 1 ||
      month > 12 ||
      !/^\d{4}$/.test(String(req.params.year))
    ) {
      throw ApiError.invalidRequest('Invalid Request.', {
        code: 'InvalidParameterValue',
        message: 'Use /records/usage-logs/{MM}/{YYYY}, e.g. /records/usage-logs/03/2024.',
      });
    }
    res.json(await metering.usageLog({ month, year }));
  });
  return router;
}
