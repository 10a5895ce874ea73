import { type DestinationStream, type LoggerOptions, pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** JSON logs to stdout (or `destination`); credentials that could reach a log line are redacted by path. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'ner-gateway' },
    redact: {
      paths: [
        'apiKey',
        'azure.apiKey',
        'config.azure.apiKey',
        'req.headers.authorization',
        'req.headers["ocp-apim-subscription-key"]',
        'headers.authorization',
        'headers["ocp-apim-subscription-key"]',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
