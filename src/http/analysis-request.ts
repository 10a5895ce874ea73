/**
 * Whether a request asks for analysis, the work that is billed and counted against quotas: any POST
 * (sync analysis, legacy routes, job submission) except cancelling a job, which analyses nothing and
 * must stay possible when analysis is refused. (Express routes case-insensitively, hence the `i`.)
 */
export function isAnalysisRequest(req: { readonly method: string; readonly path: string }): boolean {
  return req.method === 'POST' && !JOB_CANCEL.test(req.path);
}

const JOB_CANCEL = /:cancel$/i;
