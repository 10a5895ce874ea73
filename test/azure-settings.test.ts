/**
 * Azure's container settings (configure-containers docs) as Azure's `docker run` argument lines and
 * Kubernetes environment examples give them: both spellings, any case, the same result; the rule
 * on unknown names; Logging levels, disk logs in the output mount, ApplicationInsights' start-up line.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { type IgnoredSetting, loadConfig } from '../src/config/load.ts';
import { createLogger } from '../src/observability/logger.ts';
import {
  closeServiceLogger,
  createServiceLogger,
  serviceLoggerReady,
} from '../src/observability/service-logger.ts';
import { APPLICATION_INSIGHTS_NOTICE, logStartupNotices } from '../src/observability/startup-notices.ts';

const PASSWORD = 'azure-proxy-pw';

/** Azure's documented run line (configure-containers: logging, output mount, proxy, telemetry, Fluentd). */
const AZURE_ARGS = [
  'Eula=accept',
  'Billing=https://billing.example/api',
  'ApiKey=0123456789abcdef',
  'Logging:Console:LogLevel:Default=Debug',
  'Logging:Disk:Format=json',
  'Logging:Disk:MaxFileSize=5',
  'Mounts:Output=/output',
  'HTTP_PROXY=http://proxy:8888',
  `HTTP_PROXY_CREDS=user:${PASSWORD}`,
  'ApplicationInsights:InstrumentationKey=123456789',
  'Fluentd:Host=fluentd.internal',
  'Fluentd:Port=24225',
  'Fluentd:UseTLS=true',
  'Fluentd:HeartbeatMs=30000',
];

/** The same settings as Kubernetes env entries (`:` -> `__`), in the cases people write them. */
const AZURE_ENV: NodeJS.ProcessEnv = {
  EULA: 'accept',
  billing: 'https://billing.example/api',
  APIKEY: '0123456789abcdef',
  Logging__Console__LogLevel__Default: 'Debug',
  LOGGING__DISK__FORMAT: 'json',
  logging__disk__maxfilesize: '5',
  Mounts__Output: '/output',
  http_proxy: 'http://proxy:8888',
  HTTP_PROXY_CREDS: `user:${PASSWORD}`,
  ApplicationInsights__InstrumentationKey: '123456789',
  FLUENTD__HOST: 'fluentd.internal',
  Fluentd__Port: '24225',
  fluentd__usetls: 'true',
  Fluentd__HeartbeatMs: '30000',
  // Not settings: a container's usual environment.
  PATH: '/usr/bin',
  HOME: '/root',
  HOSTNAME: 'pod-1',
};

const load = (argv: string[], env: NodeJS.ProcessEnv = {}, ignored?: IgnoredSetting[]) =>
  loadConfig({ files: [], env, argv, ...(ignored ? { ignored } : {}) });

describe("Azure's container settings", () => {
  test("Azure's run line and its Kubernetes env form give the same configuration", () => {
    const fromArgs = load(AZURE_ARGS);
    const fromEnv = load([], AZURE_ENV);
    assert.deepEqual(fromEnv, fromArgs);
    assert.equal(fromArgs.logging.level, 'debug');
    assert.deepEqual(fromArgs.logging.disk, { format: 'json', maxFileSize: 5, maxFiles: 10 });
    assert.equal(fromArgs.mounts.output, '/output');
    assert.equal(fromArgs.metering.outputDir, '/output', 'disconnected usage records go to the output mount');
    assert.deepEqual(fromArgs.outbound, {
      httpProxy: 'http://proxy:8888',
      httpProxyCreds: `user:${PASSWORD}`,
      noProxy: '',
    });
    assert.equal(fromArgs.applicationInsights.instrumentationKey, '123456789');
    assert.equal(fromArgs.fluentd.host, 'fluentd.internal');
    assert.equal(fromArgs.fluentd.port, 24225);
    assert.equal(fromArgs.fluentd.useTls, true);
    assert.equal(fromArgs.fluentd.heartbeatMs, 30_000);
  });

  test('ASP.NET level names become log levels; the Audit category turns the audit lines on or off', () => {
    const level = (v: string) => load([`Logging:Console:LogLevel:Default=${v}`]).logging.level;
    assert.equal(level('Trace'), 'trace');
    assert.equal(level('Information'), 'info');
    assert.equal(level('WARNING'), 'warn');
    assert.equal(level('Critical'), 'fatal');
    assert.equal(level('None'), 'silent');
    assert.equal(load(['Logging:LogLevel:Default=Error']).logging.level, 'error');
    assert.equal(load(['Logging:Level=warn']).logging.level, 'warn', 'our own name still works');
    assert.equal(load(['Logging:Console:LogLevel:Audit=None']).logging.audit, false);
    assert.equal(load(['Logging:Console:LogLevel:Audit=Warning']).logging.audit, false);
    assert.equal(load([], { Logging__Console__LogLevel__Audit: 'Information' }).logging.audit, true);
    assert.throws(() => level('Verbose'), /logging\.level/);
  });

  test('metering.outputDir set itself wins over Mounts:Output', () => {
    const config = load(['Mounts:Output=/output', 'Metering:OutputDir=/records']);
    assert.equal(config.metering.outputDir, '/records');
    assert.equal(config.mounts.output, '/output');
    assert.equal(load([]).metering.outputDir, 'data/output');
  });

  test('unknown names: under an Azure section reported in both forms, never fatal; in our sections fatal in both forms', () => {
    const ignored: IgnoredSetting[] = [];
    load(
      ['Logging:Console:FormatterName=json', 'Mounts:License=/license', 'DownloadLicense=True'],
      { Logging__Debug__LogLevel__Default: 'Trace', FLUENTD__TAGPREFIX: 'x' },
      ignored,
    );
    assert.deepEqual(ignored.map((i) => i.name).sort(), [
      'DownloadLicense',
      'FLUENTD:TAGPREFIX',
      'Logging:Console:FormatterName',
      'Logging:Debug:LogLevel:Default',
      'Mounts:License',
    ]);
    assert.ok(ignored.every((i) => /^(command line|environment) /.test(i.origin)));
    assert.throws(() => load(['Server:Prot=5001']), /unknown setting "Server:Prot"/);
    assert.throws(() => load([], { NERGW_SERVER__PROT: '5001' }), /unknown setting "SERVER__PROT"|Prot/i);
    assert.throws(() => load([], { SERVER__PROT: '5001' }), /unknown setting/);
    assert.equal(
      load([], { SERVER__PORT: '5001' }).server.port,
      5001,
      'Section__Key works without the prefix',
    );
    assert.throws(() => load(['Bogus=1']), /unknown setting "Bogus"/);
  });

  test('invalid values of Azure settings stop startup with the setting named, not the value', () => {
    assert.throws(() => load(['Fluentd:Port=abc']), /fluentd\.port/);
    assert.throws(
      () => load([`HTTP_PROXY_CREDS=${PASSWORD}`]),
      (err: Error) => /outbound\.httpProxyCreds/.test(err.message) && !err.message.includes(PASSWORD),
    );
    assert.equal(load(['HTTP_PROXY=proxy:3128']).outbound.httpProxy, 'http://proxy:3128');
  });

  test('start-up lines: ApplicationInsights is named as not sent to Azure, ignored settings listed, no credential', () => {
    const ignored: IgnoredSetting[] = [];
    const config = load(
      [
        ...AZURE_ARGS.filter((a) => !a.startsWith('HTTP_PROXY=')),
        `HTTP_PROXY=http://user:${PASSWORD}@proxy:8888`,
        'Logging:Console:FormatterName=json',
      ],
      {},
      ignored,
    );
    const lines: string[] = [];
    logStartupNotices(createLogger('info', { write: (l: string) => void lines.push(l) }), config, ignored);
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(records.some((r) => r.msg === APPLICATION_INSIGHTS_NOTICE));
    assert.match(APPLICATION_INSIGHTS_NOTICE, /no connection to Azure/);
    assert.ok(records.some((r) => r.setting === 'Logging:Console:FormatterName' && r.level === 40));
    const proxy = records.find((r) => String(r.msg).includes('HTTP proxy'));
    assert.equal(proxy?.httpProxy, 'http://proxy:8888');
    assert.equal(proxy?.credentials, true);
    assert.ok(records.some((r) => r.dir === join('/output', 'logs')));
    assert.ok(records.some((r) => r.host === 'fluentd.internal' && r.tls === true));
    assert.ok(!lines.join('').includes(PASSWORD), 'a proxy credential reached the log');
  });

  test('Logging:Disk:Format=json writes JSON log files under the output mount, rotated and bounded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nergw-disklog-'));
    try {
      const config = load([
        'Logging:Disk:Format=json',
        'Logging:Disk:MaxFileSize=1',
        'Logging:Disk:MaxFiles=2',
        `Mounts:Output=${dir}`,
      ]);
      const logger = createServiceLogger(config, { stdout: false });
      await serviceLoggerReady(logger);
      const filler = 'x'.repeat(1_000);
      // A service logs over time: batches with pauses let the transport thread see the files grow.
      for (let i = 0; i < 4_500; i++) {
        logger.info({ i, filler }, 'line');
        if (i % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await closeServiceLogger(logger);
      const logs = join(dir, 'logs');
      const files = readdirSync(logs).filter((f) => f.endsWith('.json'));
      // The current file and at most MaxFiles older ones; ner-gateway.1.json, the first, is gone.
      assert.ok(files.length >= 2 && files.length <= 3, `files: ${files.join(', ')}`);
      assert.ok(!files.includes('ner-gateway.1.json'), `files: ${files.join(', ')}`);
      const seen = new Set<number>();
      for (const file of files) {
        assert.match(file, /^ner-gateway\.\d+\.json$/);
        // Rotation is checked as writes complete: a file may pass the size by what one batch wrote.
        const size = statSync(join(logs, file)).size;
        assert.ok(size < 2 * 1_048_576, `${file} is ${size} bytes`);
        // The newest file may be empty: rotated, with nothing written yet.
        for (const line of readFileSync(join(logs, file), 'utf8').split('\n').filter(Boolean)) {
          const record = JSON.parse(line) as { i: number; msg: string; service: string };
          assert.equal(record.msg, 'line');
          assert.equal(record.service, 'ner-gateway');
          seen.add(record.i);
        }
      }
      assert.ok(seen.has(4_499), 'the newest line is kept');
      assert.ok(!seen.has(0), 'the oldest lines were deleted with their file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
