// Transitional: the envelope moved to src/http/; this stays only while work in progress still imports it.
export { ApiError } from '../http/errors.ts';
export { sendError, sendErrorOnSocket } from '../http/send-error.ts';
