import { isIP } from 'node:net';
import { cpus } from 'node:os';
import { z } from 'zod';
import { RECOGNIZER_NAMES } from '../entities/settings.ts';
import { ProxySchema } from './proxy.ts';

const cores = Math.max(1, cpus().length);
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().min(1);
/** A list, also accepted as a comma-separated string (environment variables, arguments). */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : v,
    z.array(item),
  );
const stringList = listOf(z.string());
const bool = z.preprocess((v) => (typeof v === 'string' ? /^(1|true|yes|on)$/i.test(v) : v), z.boolean());
/** A list of objects, also accepted as a JSON string (YAML lists of mappings, environment variables, arguments). */
const jsonList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v; // reported by the schema as "expected array"
    }
  }, z.array(item));

/** Settings every Azure AI container requires (Eula, Billing, ApiKey). */
export const AzureSettingsSchema = z
  .object({
    eula: z.string().optional(),
    billing: z.string().url().optional(),
    apiKey: z.string().min(1).optional(),
  })
  .strict();

/** What Express's `trust proxy` accepts: an address, a CIDR, or one of proxy-addr's named ranges. */
const trustedProxy = z.string().refine((v) => {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(v)) return true;
  const [addr, bits, ...rest] = v.split('/');
  const family = isIP(addr ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}, 'expected an IP address, a CIDR (10.0.0.0/8) or loopback/linklocal/uniquelocal');

function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\./.test(host);
  } catch {
    return false;
  }
}

export const ServerSchema = z
  .object({
    port: port.default(5000),
    host: z.string().default('::'),
    /**
     * Base URL clients use (for Operation-Location and nextLink). When empty, from the request's Host,
     * only if the server certificate covers it or `allowedHosts` lists it (else those requests get 421).
     */
    publicUrl: z.string().url().optional(),
    /** Host names (`name`, or `name:port` for another port) trusted in Host for links when publicUrl is empty. */
    allowedHosts: stringList.default([]),
    /** Serve plain HTTP: only behind a trusted TLS-terminating proxy. */
    plainHttp: bool.default(false),
    requestTimeoutMs: positiveInt.default(30_000),
    headersTimeoutMs: positiveInt.default(10_000),
    keepAliveTimeoutMs: positiveInt.default(5_000),
    /** Open connections at most; more are closed as they arrive (0 = no limit). */
    maxConnections: z.coerce.number().int().min(0).default(10_000),
    shutdownGraceMs: positiveInt.default(10_000),
    /** Paths served without a client certificate or credentials (Kubernetes probes). */
    anonymousPaths: stringList.default(['/ready', '/readyz', '/livez']),
    /** Largest accepted request body in bytes (Azure: 1 MB). */
    bodyLimitBytes: positiveInt.default(1_048_576),
    /** Proxies (addresses, CIDRs, or loopback/linklocal/uniquelocal) whose X-Forwarded-For is believed. */
    trustProxy: stringList.pipe(z.array(trustedProxy)).default([]),
    /**
     * Balancers (same syntax as trustProxy) whose connections begin with a PROXY protocol header (v1
     * or v2), whose caller address the gateway takes: for TLS passthrough (haproxy `send-proxy-v2`).
     * Separate from trustProxy: the callers they relay are not trusted for X-Forwarded-For.
     */
    proxyProtocolFrom: stringList.pipe(z.array(trustedProxy)).default([]),
    /** Origins allowed by CORS; empty = CORS off (no Access-Control-* headers at all). */
    corsOrigins: stringList.pipe(z.array(z.union([z.literal('*'), z.string().url()]))).default([]),
  })
  .strict();

export const TlsSchema = z
  .object({
    /** Folder for generated development certificates (used when certFile/keyFile are empty). */
    devCertsDir: z.string().default('certs'),
    certFile: z.string().optional(),
    keyFile: z.string().optional(),
    /** CA bundle that client certificates must chain to. */
    clientCaFile: z.string().optional(),
    /** off | optional | required; empty = required with the dev CA, optional with a configured CA, else off. */
    clientCertificates: z.enum(['off', 'optional', 'required']).optional(),
    /** Abort the TLS handshake of clients without a valid certificate instead of answering 401. */
    strict: bool.default(false),
    minVersion: z.enum(['TLSv1.2', 'TLSv1.3']).default('TLSv1.2'),
    /** PEM CRL(s) client certificates are checked against; one per CA of the client CA bundle. */
    crlFile: z.string().optional(),
    /** Reload certificate, key, CA bundle and CRL when their files change (no restart, open connections kept). */
    watch: bool.default(true),
  })
  .strict();

export const InferenceSchema = z
  .object({
    /** Worker threads, each with its own ONNX session. Default: cores - 1 (the main thread serves HTTP). */
    workers: positiveInt.default(Math.max(1, cores - 1)),
    /** ONNX intra-op threads per worker. */
    intraOpThreads: positiveInt.default(1),
    /** Most documents one model call takes (micro-batch). */
    maxBatchDocuments: positiveInt.default(32),
    /** How long a partial batch may wait for more documents when all workers are busy (ms). */
    maxBatchWaitMs: z.coerce.number().int().min(0).default(0),
    /**
     * Batches handed to a worker at once: the one it runs and the next, waiting in its port, so it
     * starts that one the moment it answers instead of idling until the HTTP thread hears the answer
     * and sends more. 1 gives each worker one batch at a time.
     */
    batchesPerWorker: z.coerce.number().int().min(1).max(4).default(2),
    /**
     * Young generation of each worker's heap (MB; V8's `maxYoungGenerationSizeMb`). Inference allocates
     * fast and keeps little: a larger young generation means fewer scavenges, each a pause of the batch
     * in progress (long ones on a busy machine), for up to this much more memory per worker.
     */
    workerYoungGenerationMb: positiveInt.default(96),
    /**
     * Each worker's own thread for the rule recognisers of its large batches (src/inference/recognizer-thread.ts):
     * `auto` starts it only where a core is spare for it (cores >= workers + 2: one per worker, one for the HTTP
     * thread, one more); `on` always; `off` never (the worker runs them after its model, and holds one copy of
     * their name lists, not two).
     */
    recognizerThread: z.enum(['auto', 'on', 'off']).default('auto'),
    /** Documents queued beyond this are refused with 503 + Retry-After. */
    maxQueuedDocuments: positiveInt.default(2_000),
    retryAfterSeconds: positiveInt.default(1),
  })
  .strict();

/**
 * A Custom NER project, model or deployment name as Azure allows it (service-limits.md): letters,
 * digits, `_ . -`, at most 50 characters. An empty value (an unset compose variable) means unset.
 */
const azureName = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,50}$/, 'only letters, digits and _ . - are allowed, at most 50 characters')
    .optional(),
);

export const ModelsSchema = z
  .object({
    /** Model directory served for EntityRecognition. */
    default: z.string().default('models/default'),
    /** Custom NER models: <customRoot>/<projectName>/<deploymentName>/ is one model directory. */
    customRoot: z.string().default('models/custom'),
    /**
     * Azure's Custom NER container run line: the model in `modelPath` is served for
     * CustomEntityRecognition with this projectName (any deploymentName; src/model/exported.ts).
     */
    projectName: azureName.optional(),
    /** Azure's exported model name: picks `<modelPath>/<exportedModelName>/` if that is a model folder. */
    exportedModelName: azureName.optional(),
    /** Folder of the model served for `projectName` (Azure's container mounts it at /modelPath). */
    modelPath: z.string().min(1).default('/modelPath'),
  })
  .strict()
  .refine((m) => m.exportedModelName === undefined || m.projectName !== undefined, {
    message: 'exportedModelName is set but projectName is not: name the project its model is served for',
    path: ['projectName'],
  });

/** The entity pipeline (src/entities/settings.ts documents each field). */
export const EntitiesSchema = z
  .object({
    recognizers: listOf(z.enum(RECOGNIZER_NAMES)).default([...RECOGNIZER_NAMES]),
    miscellaneous: z.enum(['drop', 'keep']).default('drop'),
    lists: z.string().default('models/entities'),
    maxCandidatesPerDocument: positiveInt.default(1_000),
  })
  .strict();

export const JobsSchema = z
  .object({
    /** Jobs kept at once (running and finished); submits beyond get 429 + Retry-After. */
    maxJobs: positiveInt.default(1_000),
    /**
     * Text elements kept over all stored jobs, counted once per task (each task keeps results for
     * every document): bounds the memory results take. Submissions beyond get 429 + Retry-After;
     * finished jobs are evicted oldest-first to make room. One principal's unfinished jobs may take
     * at most half of it.
     */
    maxStoredCharacters: positiveInt.default(10_000_000),
    /** Unfinished jobs one principal may have at once, so one caller cannot fill the store for all. */
    maxUnfinishedPerPrincipal: positiveInt.default(100),
    /** How long a job and its results are kept (Azure: 24 h). */
    ttlSeconds: positiveInt.default(86_400),
    /**
     * memory: jobs live in this process (a poll must reach the replica that accepted the job);
     * redis: jobs, their state and results live in Redis, any replica accepts, runs, answers and
     * cancels any job, and a replica's death leaves its jobs to the others (README "Scale out").
     */
    store: z.enum(['memory', 'redis']).default('memory'),
    /** redis://[user:password@]host:port[/db] or rediss://; unset: `rateLimits.redisUrl`. A secret when it has a password. */
    redisUrl: z.string().url().optional(),
    /** Prefix of every Redis key of the jobs (BullMQ's under `<prefix>bull`). */
    redisKeyPrefix: z.string().default('nergw:jobs:'),
    /** Redis connect and command timeout on the request path (ms): the longest a submit or poll waits on Redis. */
    redisTimeoutMs: positiveInt.default(2_000),
    /** redis store: jobs one replica runs at once (their tasks share its inference pool). */
    concurrency: positiveInt.default(8),
    /**
     * redis store: a running job's lock, renewed every half of it while the replica lives. A replica
     * that dies leaves the lock to expire; with `stalledCheckSeconds` this bounds the take-over.
     */
    lockSeconds: positiveInt.default(30),
    /** redis store: how often each replica looks for jobs whose lock expired (stalled) and takes them over. */
    stalledCheckSeconds: positiveInt.default(15),
    /** redis store: take-overs of one job before it fails (a job that kills every replica it runs on). */
    maxStalls: positiveInt.default(3),
  })
  .strict();

export const LimitsSchema = z
  .object({
    syncDocuments: positiveInt.default(5),
    jobDocuments: positiveInt.default(25),
    /** Text elements (graphemes) per document. */
    documentTextElements: positiveInt.default(5_120),
    /** Text elements (graphemes) over all documents of one job. */
    jobCharacters: positiveInt.default(125_000),
    /** Tasks in one job: each runs over every document of the job. */
    jobTasks: positiveInt.default(20),
  })
  .strict();

/** ASP.NET Core level names (Azure's `Logging:…:LogLevel:…` values) and the pino levels they become. */
export const ASPNET_LEVELS: Readonly<Record<string, string>> = {
  trace: 'trace',
  debug: 'debug',
  information: 'info',
  warning: 'warn',
  error: 'error',
  critical: 'fatal',
  none: 'silent',
};
const PINO_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A pino level, also given as an ASP.NET Core level name in any case (`Information`, `Warning`, `None`). */
const logLevel = z.preprocess(
  (v) => (typeof v === 'string' ? (ASPNET_LEVELS[v.toLowerCase()] ?? v.toLowerCase()) : v),
  z.enum(PINO_LEVELS),
);

/** Azure's `Logging:Disk` provider: JSON log files in the output mount, rotated by size. */
export const DiskLoggingSchema = z
  .object({
    /** `json` writes log files to `<mounts.output>/logs/` (Azure: `Logging:Disk:Format=json`); unset = off. */
    format: z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), z.enum(['json'])).optional(),
    /** Megabytes per file before the next one starts (Azure's default 1); -1 = no size limit (daily files). */
    maxFileSize: z.coerce
      .number()
      .int()
      .min(-1)
      .refine((n) => n !== 0, 'must be a number of megabytes, or -1 for no size limit')
      .default(1),
    /** Older files kept besides the current one (the oldest is deleted): bounds the folder's size. */
    maxFiles: positiveInt.default(10),
  })
  .strict();

export const LoggingSchema = z
  .object({
    /** Azure: `Logging:Console:LogLevel:Default` (or `Logging:LogLevel:Default`), ASP.NET names accepted. */
    level: logLevel.default('info'),
    /** One `audit` log line per request (principal, route, status, latency, documents). */
    audit: bool.default(true),
    disk: DiskLoggingSchema.default(DiskLoggingSchema.parse({})),
  })
  .strict();

/** Azure's `Mounts` section: folders mounted into the container. */
export const MountsSchema = z
  .object({
    /** Azure's output mount: disk logs (`logs/`) and disconnected usage records (unless metering.outputDir is set). */
    output: z.string().min(1).default('data/output'),
  })
  .strict();

/** Azure's `Fluentd` section: logs shipped to a Fluentd (or Fluent Bit) server with the forward protocol. */
export const FluentdSchema = z
  .object({
    /** Server host name or address; unset = no Fluentd shipping. */
    host: z.string().min(1).optional(),
    port: port.default(24224),
    /** Idle time after which the connection is closed; it is reopened with the next log line (Azure: 60000). */
    heartbeatMs: positiveInt.default(60_000),
    /** Bytes of log lines held while the server is unreachable; beyond it lines are dropped (Azure: 32768). */
    sendBufferSize: positiveInt.default(32_768),
    /** Longest a TLS connection may take to establish (Azure: 10000; ignored without useTls). */
    tlsConnectionEstablishmentTimeoutMs: positiveInt.default(10_000),
    /** Connect with TLS (Azure: `UseTLS`). */
    useTls: bool.default(false),
    /** PEM CA bundle the server's certificate must chain to (default: public CAs). */
    caFile: z.string().optional(),
    /** Fluentd tag of every log line. */
    tag: z.string().min(1).default('ner-gateway'),
  })
  .strict();

/**
 * OpenTelemetry tracing (README "Tracing"). Whether spans are exported, where and how is set by the
 * standard OTEL_* environment variables (off unless OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set); this section holds the gateway's own rules.
 */
export const TracingSchema = z
  .object({
    /**
     * Whose `traceparent` a request's trace continues. `trustProxy` (default): only a connection from a
     * `server.trustProxy` address (the balancer, API gateway or mesh in front, already trusted with
     * X-Forwarded-For); any other caller's `traceparent` and `tracestate` are ignored and the request
     * starts a new trace. The rule looks at the connecting address, not the principal, because the
     * request span begins before authentication. `any`: every caller (only on a closed network);
     * `none`: never.
     */
    traceparentFrom: z.enum(['trustProxy', 'any', 'none']).default('trustProxy'),
    /**
     * How a request's front-door checks (authenticate, rate limit, quota) are recorded. `attributes`
     * (default): each check's duration (and outcome when it did not pass) as attributes of the request
     * span. `events`: an event apiece on the request span, at the moment it ended. `spans`: a child span
     * apiece, for backends that chart spans only. Each step costs CPU on every traced request
     * (BENCHMARKS.md, "Tracing overhead").
     */
    frontDoorChecks: z.enum(['attributes', 'events', 'spans']).default('attributes'),
    /**
     * How a request's time in the inference pool is recorded. `attributes` (default): its batch's model,
     * size, queue and model-call times as attributes of the request span. `events`: an `inference batch`
     * event on the request span per batch it was in (with batch id, worker and outcome). `spans`: child
     * spans `inference queue` and `inference batch`.
     */
    inference: z.enum(['attributes', 'events', 'spans']).default('attributes'),
  })
  .strict();

/** Azure's `ApplicationInsights` section: accepted, but nothing is sent to Azure (see README). */
export const ApplicationInsightsSchema = z
  .object({
    /** Accepted so Azure's run lines start; a start-up line says telemetry goes through OpenTelemetry instead. */
    instrumentationKey: z.string().min(1).optional(),
    connectionString: z.string().min(1).optional(),
  })
  .strict();

/** A proxy URL; `proxy:8888` (no scheme) means `http://proxy:8888` as curl reads it. */
const proxyUrl = z.preprocess(
  (v) => (typeof v === 'string' && v !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? `http://${v}` : v),
  z
    .string()
    .url()
    .refine((u) => /^https?:$/.test(new URL(u).protocol), 'must be an http:// or https:// proxy URL')
    .optional(),
);

/**
 * The proxy for the gateway's own outbound calls (billing, its OAuth token, JWKS). Azure's names
 * `HTTP_PROXY`, `HTTP_PROXY_CREDS`, and the usual `HTTPS_PROXY`, `NO_PROXY` (any case) set it.
 */
export const OutboundSchema = z
  .object({
    /** Proxy for http:// targets, and https:// ones when httpsProxy is unset (`HTTP_PROXY`). */
    httpProxy: proxyUrl,
    /** Proxy for https:// targets (`HTTPS_PROXY`); default: httpProxy. */
    httpsProxy: proxyUrl,
    /** `user:password` sent to the proxy as Basic Proxy-Authorization (`HTTP_PROXY_CREDS`); a secret. */
    httpProxyCreds: z
      .string()
      .regex(/^[^:]+:/, 'must be user:password')
      .optional(),
    /** Hosts reached directly: comma- or space-separated names, `.suffix`, `host:port`, or `*` (`NO_PROXY`). */
    noProxy: z.string().default(''),
  })
  .strict();

export const RateLimitRouteSchema = z
  .object({
    /** Path prefix the window applies to (longest matching prefix wins), e.g. `/language`. */
    prefix: z.string().startsWith('/'),
    windowSeconds: positiveInt,
    /** Requests per principal (per client address when anonymous) in one window. */
    max: positiveInt,
  })
  .strict();

export const RateLimitsSchema = z
  .object({
    enabled: bool.default(true),
    routes: jsonList(RateLimitRouteSchema).default([
      { prefix: '/language', windowSeconds: 60, max: 60_000 },
      { prefix: '/text', windowSeconds: 60, max: 60_000 },
    ]),
    /** memory: per process; redis: shared by every replica using the same `redisUrl`. */
    store: z.enum(['memory', 'redis']).default('memory'),
    /** redis://[user:password@]host:port[/db] (rediss:// for TLS); a secret when it has a password. */
    redisUrl: z.string().url().optional(),
    /** Connect and command timeout, so a slow or dead Redis never holds a request. */
    redisTimeoutMs: positiveInt.default(500),
    /** When Redis is unreachable: open = allow and log a warning, closed = 503. */
    redisFailure: z.enum(['open', 'closed']).default('open'),
    redisKeyPrefix: z.string().default('nergw:'),
    /** Text records (one per started 1,000 characters of a document) per principal per UTC day; 0 = no quota. */
    dailyRecords: z.coerce.number().int().min(0).default(0),
    /** Text records per principal per UTC calendar month; 0 = no quota. */
    monthlyRecords: z.coerce.number().int().min(0).default(0),
    /** Requests under these prefixes are refused (403) once a quota is used up. */
    quotaPrefixes: stringList.default(['/language', '/text']),
    /** Where quota counters persist when `store` is memory. */
    quotaFile: z.string().default('data/quotas.json'),
  })
  .strict()
  .refine((r) => r.store !== 'redis' || r.redisUrl !== undefined, {
    message: 'rateLimits.redisUrl is required when rateLimits.store is redis',
    path: ['redisUrl'],
  });

export const AuthMethodSchema = z.enum(['certificate', 'subscription-key', 'jwt', 'anonymous']);

/** Who may call paths under `prefix` (longest prefix wins; a path under no prefix is denied). */
export const RoutePolicySchema = z
  .object({
    prefix: z.string().regex(/^\//, 'must start with /'),
    /** Accepted ways to authenticate; `anonymous` lets requests without credentials through. */
    methods: z.array(AuthMethodSchema).min(1).default(['subscription-key', 'jwt', 'certificate']),
    /** A valid client certificate is required in addition to the method used. */
    requireClientCertificate: z.boolean().default(false),
    /** Scopes/roles the principal must all hold. */
    scopes: z.array(z.string()).default([]),
    /** When not empty, only these principal ids are allowed. */
    principals: z.array(z.string()).default([]),
  })
  .strict();

/** Maps a client certificate (by exactly one of subject CN, a SAN value, SHA-256 fingerprint) to a principal. */
export const CertificateMappingSchema = z
  .object({
    cn: z.string().optional(),
    /** A SAN with its type, as certificates carry it: `DNS:svc.internal`, `URI:spiffe://…`, `IP:10.0.0.7`, `email:…`. */
    san: z
      .string()
      .regex(/^(DNS|URI|IP|email):.+/i, 'give the SAN with its type: DNS:, URI:, IP: or email:')
      .optional(),
    fingerprint: z.string().optional(),
    principal: z.string().min(1),
    scopes: z.array(z.string()).default([]),
  })
  .strict()
  .refine((m) => [m.cn, m.san, m.fingerprint].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of cn, san, fingerprint',
  });

export const JwtSchema = z
  .object({
    /** Accepted `iss` values (required when any key is configured). */
    issuer: stringList.default([]),
    /** Accepted `aud` values (required when any key is configured). */
    audience: stringList.default([]),
    /** HS256 is only accepted when listed here and a hmacSecretFile is set. */
    algorithms: z
      .preprocess(
        (v) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()) : v),
        z.array(z.enum(['RS256', 'ES256', 'HS256'])),
      )
      .default(['RS256', 'ES256']),
    /** PEM public keys or certificates: `[{kid?, file}]`. */
    keys: jsonList(z.object({ kid: z.string().optional(), file: z.string() }).strict()).default([]),
    /** JWKS document: a file path or an https URL (http only on loopback); keys chosen by `kid`. */
    jwks: z
      .string()
      .refine(
        (v) => !/^http:\/\//i.test(v) || isLoopbackUrl(v),
        'an http JWKS URL is only accepted on loopback: anyone on the path could swap the keys (use https)',
      )
      .optional(),
    /** PEM CA bundle trusted for an https `jwks` URL (an issuer behind a private CA). */
    jwksCaFile: z.string().optional(),
    /** Least time between two JWKS re-fetches triggered by an unknown `kid` (0 only for a JWKS file). */
    jwksRefetchSeconds: z.coerce.number().min(0).default(30),
    /** JWKS older than this is re-read in the background on the next token (keys the issuer dropped stop working). */
    jwksMaxAgeSeconds: z.coerce.number().min(1).default(3600),
    hmacSecretFile: z.string().optional(),
    clockToleranceSeconds: z.coerce.number().int().min(0).max(300).default(30),
    /** Claim naming the principal. */
    principalClaim: z.string().default('sub'),
    /** Verified tokens remembered (by SHA-256 of the token, never past `exp`); 0 = no cache. */
    cacheSize: z.coerce.number().int().min(0).default(10_000),
  })
  .strict()
  .refine((j) => !(j.jwks && /^https?:\/\//i.test(j.jwks)) || j.jwksRefetchSeconds >= 1, {
    // Else every token with a made-up kid makes the gateway fetch the issuer's JWKS.
    message: 'must be at least 1 for a JWKS URL',
    path: ['jwksRefetchSeconds'],
  });

export const SecuritySchema = z
  .object({
    /** false = no authentication at all (benchmark comparison only). */
    enabled: bool.default(true),
    routes: jsonList(RoutePolicySchema).default(
      [
        { prefix: '/language', methods: ['subscription-key', 'jwt', 'certificate'] },
        { prefix: '/text/analytics', methods: ['subscription-key', 'jwt', 'certificate'] },
        { prefix: '/', methods: ['subscription-key', 'jwt', 'certificate'] },
      ].map((r) => RoutePolicySchema.parse(r)),
    ),
    /** Subscription key store (JSON, hashed keys; edited by `npm run keys`). */
    keyStoreFile: z.string().default('data/keys.json'),
    /** Wrong keys or tokens one client address may send per window before it gets 429 (0 = no limit). */
    failedAuthLimit: z.coerce.number().int().min(0).default(100),
    failedAuthWindowSeconds: positiveInt.default(60),
    /** Poll interval for changes to the key store and TLS files (fs.watch is used too). */
    reloadPollMs: positiveInt.default(2_000),
    /** Certificate attribute that names the principal when no mapping matches; `mapped` = mappings only. */
    certificateIdentity: z.enum(['cn', 'san', 'fingerprint', 'mapped']).default('cn'),
    certificateMappings: jsonList(CertificateMappingSchema).default([]),
    jwt: JwtSchema.default(JwtSchema.parse({})),
  })
  .strict();

const seconds = z.coerce.number().positive();

/** Usage metering and billing (see README "Metering and billing"). */
export const MeteringSchema = z
  .object({
    /** Count usage at all (false only to measure metering overhead). */
    enabled: bool.default(true),
    /** Disconnected container: no network delivery; usage records go to `outputDir`. */
    disconnected: bool.default(false),
    /** Folder of the durable usage ledgers: each process claims its own `replica-<n>` sub-folder. */
    dataDir: z.string().default('data/metering'),
    /**
     * What a ledger commit survives before the request is answered: `process` (any crash of the
     * process, kill -9 included; a machine failure may roll back up to `syncIntervalMs` of usage)
     * or `fsync` (power loss too; one fsync per commit, in a thread of its own).
     */
    durability: z.enum(['process', 'fsync']).default('process'),
    /** `process` durability: how often committed usage is flushed to disk, in the background. */
    syncIntervalMs: z.coerce.number().int().min(10).max(60_000).default(1_000),
    /** Disconnected usage records; default: `mounts.output` (Azure's `Mounts:Output`). */
    outputDir: z.string().default('data/output'),
    /** Marketplace `resourceId`; default: made when a ledger is created and kept in it (README "Scale out"). */
    resourceId: z.string().min(1).optional(),
    planId: z.string().min(1).default('ner-gateway'),
    /** How often closed hours are delivered (Azure containers report every 10–15 minutes). */
    deliveryIntervalSeconds: seconds.default(600),
    /** Keep serving this long without reaching billing (Azure: 10 failed reports at ~15 min). */
    graceSeconds: seconds.default(9_000),
    /** Usage aggregation period; Azure's rule is one event per calendar hour. Shorter only in tests. */
    bucketSeconds: positiveInt.default(3_600),
    retryBaseMs: positiveInt.default(1_000),
    retryMaxMs: positiveInt.default(60_000),
    requestTimeoutMs: positiveInt.default(10_000),
    /** Events per batchUsageEvent call (the API takes at most 25). */
    batchSize: positiveInt.max(25).default(25),
    /** Delivered usage (ledger detail) is compacted away after this many hours. */
    retentionHours: positiveInt.default(768),
    /** Optional OAuth2 client-credentials bearer token for the billing endpoint. */
    tokenUrl: z.string().url().optional(),
    clientId: z.string().min(1).optional(),
    clientSecret: z.string().min(1).optional(),
    scope: z.string().min(1).optional(),
  })
  .strict();

/** The Custom NER authoring API (README "Authoring API"): projects, training, models, deployments. */
export const AuthoringSchema = z
  .object({
    /** Authoring state (projects, labelled documents, trained models, deployment and job records); kept across restarts. */
    dataDir: z.string().default('data/authoring'),
    /**
     * Stands in for Azure's blob storage: `:import` reads each document's text from
     * `<storageRoot>/<storageInputContainerName>/<location>`.
     */
    storageRoot: z.string().default('data/storage'),
    /** Largest authoring request body in bytes (a project import carries every document's labels). */
    bodyLimitBytes: positiveInt.default(52_428_800),
    /** Training jobs run at once (each in its own thread); more wait as `notStarted`. */
    concurrentTrainings: positiveInt.default(1),
    /** How long a job's status is kept after it was created (Azure: 7 days). */
    jobTtlSeconds: positiveInt.default(604_800),
  })
  .strict();

export const ConfigSchema = z
  .object({
    azure: AzureSettingsSchema.default({}),
    server: ServerSchema.default(ServerSchema.parse({})),
    tls: TlsSchema.default(TlsSchema.parse({})),
    inference: InferenceSchema.default(InferenceSchema.parse({})),
    models: ModelsSchema.default(ModelsSchema.parse({})),
    entities: EntitiesSchema.default(EntitiesSchema.parse({})),
    jobs: JobsSchema.default(JobsSchema.parse({})),
    limits: LimitsSchema.default(LimitsSchema.parse({})),
    logging: LoggingSchema.default(LoggingSchema.parse({})),
    mounts: MountsSchema.default(MountsSchema.parse({})),
    fluentd: FluentdSchema.default(FluentdSchema.parse({})),
    applicationInsights: ApplicationInsightsSchema.default({}),
    tracing: TracingSchema.default(TracingSchema.parse({})),
    outbound: OutboundSchema.default(OutboundSchema.parse({})),
    rateLimits: RateLimitsSchema.default(RateLimitsSchema.parse({})),
    proxy: ProxySchema.default(ProxySchema.parse({})),
    security: SecuritySchema.default(SecuritySchema.parse({})),
    metering: MeteringSchema.default(MeteringSchema.parse({})),
    authoring: AuthoringSchema.default(AuthoringSchema.parse({})),
  })
  .strict()
  .superRefine((c, ctx) => {
    // A request the queue can never hold would be refused (sync) or wait forever (jobs).
    const largest = Math.max(c.limits.syncDocuments, c.limits.jobDocuments);
    if (c.inference.maxQueuedDocuments < largest) {
      ctx.addIssue({
        code: 'custom',
        path: ['inference', 'maxQueuedDocuments'],
        message: `must be at least the largest request (${largest} documents, limits.syncDocuments/jobDocuments)`,
      });
    }
    if (c.jobs.store === 'redis' && !(c.jobs.redisUrl ?? c.rateLimits.redisUrl)) {
      ctx.addIssue({
        code: 'custom',
        path: ['jobs', 'redisUrl'],
        message: 'jobs.redisUrl (or rateLimits.redisUrl) is required when jobs.store is redis',
      });
    }
    // One caller's unfinished jobs may fill half the store: a job that does not fit in half would
    // be told to retry forever.
    const largestJob = c.limits.jobCharacters * c.limits.jobTasks;
    if (c.jobs.maxStoredCharacters < 2 * largestJob) {
      ctx.addIssue({
        code: 'custom',
        path: ['jobs', 'maxStoredCharacters'],
        message: `must be at least twice the largest job (${2 * largestJob}: 2 × limits.jobCharacters × limits.jobTasks)`,
      });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;
