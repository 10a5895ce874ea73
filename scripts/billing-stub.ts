/**
 * `npm run billing-stub`: a local, strict stand-in for the Azure Marketplace metering API, for
 * tests and docker compose. The key it accepts comes from BILLING_STUB_API_KEY (required).
 *
 *   --port <n>            (BILLING_STUB_PORT, default 5099)   --host <addr> (default 127.0.0.1)
 *   --state <file>        keep accepted events across restarts
 *   --period-seconds <n>  "one event per hour" period (default 3600; shorter only in tests)
 *   --expire-seconds <n>  events older than this are Expired (default 86400)
 *   --max-batch <n>       events per batch (default 25)
 *   --error-rate / --timeout-rate / --drop-rate <0..1>   fault injection (also PUT /admin/faults)
 *   --client-id / --client-secret   enable the OAuth2 client-credentials token endpoint
 */
import { createBillingStub } from '../src/billing-stub/server.ts';
import { type Cli, numberOption, parseCli, usageError } from '../src/cli/args.ts';

const CLI: Cli = {
  name: 'billing-stub',
  usage: `usage: BILLING_STUB_API_KEY=<key> npm run billing-stub -- [options]

  --port <n>            (BILLING_STUB_PORT, default 5099)   --host <addr> (default 127.0.0.1)
  --state <file>        keep accepted events across restarts
  --period-seconds <n>  "one event per hour" period (default 3600; shorter only in tests)
  --expire-seconds <n>  events older than this are Expired (default 86400)
  --max-batch <n>       events per batch (default 25)
  --error-rate / --timeout-rate / --drop-rate <0..1>   fault injection (also PUT /admin/faults)
  --client-id / --client-secret   enable the OAuth2 client-credentials token endpoint
  -h, --help            this help`,
};

const { values } = parseCli(CLI, {
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    state: { type: 'string' },
    'period-seconds': { type: 'string', default: '3600' },
    'expire-seconds': { type: 'string', default: '86400' },
    'max-batch': { type: 'string', default: '25' },
    'error-rate': { type: 'string', default: '0' },
    'timeout-rate': { type: 'string', default: '0' },
    'drop-rate': { type: 'string', default: '0' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
  },
});

const apiKey = process.env.BILLING_STUB_API_KEY;
if (!apiKey) usageError(CLI, 'set BILLING_STUB_API_KEY to the key the stub accepts');
const num = (option: keyof typeof values, range: { min?: number; max?: number } = { min: 0 }): number =>
  numberOption(CLI, option, String(values[option]), range);
const rate = (option: keyof typeof values): number => num(option, { min: 0, max: 1 });
const port = numberOption(CLI, 'port', values.port ?? process.env.BILLING_STUB_PORT ?? '5099', {
  min: 0,
  max: 65535,
});
const { server } = createBillingStub({
  apiKey,
  periodSeconds: num('period-seconds', { min: 1 }),
  expireSeconds: num('expire-seconds', { min: 1 }),
  maxBatch: num('max-batch', { min: 1 }),
  faults: {
    errorRate: rate('error-rate'),
    timeoutRate: rate('timeout-rate'),
    dropRate: rate('drop-rate'),
  },
  ...(values.state ? { stateFile: values.state } : {}),
  ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
  ...(values['client-secret'] ? { clientSecret: values['client-secret'] } : {}),
});
server.listen(port, values.host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(JSON.stringify({ msg: 'billing stub listening', url: `http://${values.host}:${actual}/api` }));
});
const stop = (): void => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
