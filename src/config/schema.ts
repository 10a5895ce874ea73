import { cpus } from 'node:os';
import { z } from 'zod';

const cores = Math.max(1, cpus().length);
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().min(1);
/** A list, also accepted as a comma-separated string (environment variables, arguments). */
const stringList = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : v,
  z.array(z.string()),
);
const bool = z.preprocess((v) => (typeof v === 'string' ? /^(1|true|yes|on)$/i.test(v) : v), z.boolean());

/** Settings every Azure AI container requires (Eula, Billing, ApiKey). */
export const AzureSettingsSchema = z
  .object({
    eula: z.string().optional(),
    billing: z.string().url().optional(),
    apiKey: z.string().min(1).optional(),
  })
  .strict();

export const ServerSchema = z
  .object({
    port: port.default(5000),
    host: z.string().default('::'),
    /** Base URL clients use (for Operation-Location and nextLink); derived from the request when empty. */
    publicUrl: z.string().url().optional(),
    /** Serve plain HTTP: only behind a trusted TLS-terminating proxy. */
    plainHttp: bool.default(false),
    requestTimeoutMs: positiveInt.default(30_000),
    headersTimeoutMs: positiveInt.default(10_000),
    keepAliveTimeoutMs: positiveInt.default(5_000),
    shutdownGraceMs: positiveInt.default(10_000),
    /** Paths served without a client certificate or credentials (Kubernetes probes). */
    anonymousPaths: stringList.default(['/ready', '/readyz', '/livez']),
    /** Largest accepted request body in bytes (Azure: 1 MB). */
    bodyLimitBytes: positiveInt.default(1_048_576),
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
    /** Documents queued beyond this are refused with 503 + Retry-After. */
    maxQueuedDocuments: positiveInt.default(2_000),
    retryAfterSeconds: positiveInt.default(1),
  })
  .strict();

export const ModelsSchema = z
  .object({
    /** Model directory served for EntityRecognition. */
    default: z.string().default('models/default'),
    /** Custom NER models: <customRoot>/<projectName>/<deploymentName>/ is one model directory. */
    customRoot: z.string().default('models/custom'),
  })
  .strict();

export const JobsSchema = z
  .object({
    /** Jobs kept at once (running and finished); submits beyond get 429 + Retry-After. */
    maxJobs: positiveInt.default(1_000),
    /** How long a job and its results are kept (Azure: 24 h). */
    ttlSeconds: positiveInt.default(86_400),
  })
  .strict();

export const LimitsSchema = z
  .object({
    syncDocuments: positiveInt.default(5),
    jobDocuments: positiveInt.default(25),
    /** Text elements (graphemes) per document. */
    documentTextElements: positiveInt.default(5_120),
    /** Characters over all documents of one job. */
    jobCharacters: positiveInt.default(125_000),
  })
  .strict();

export const LoggingSchema = z
  .object({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
    /** Folder of the durable usage ledger (SQLite). */
    dataDir: z.string().default('data/metering'),
    /** Disconnected usage records (the containers' `Mounts:Output`). */
    outputDir: z.string().default('output'),
    /** Marketplace `resourceId`; default: the Billing endpoint's host name. */
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

export const ConfigSchema = z
  .object({
    azure: AzureSettingsSchema.default({}),
    server: ServerSchema.default(ServerSchema.parse({})),
    tls: TlsSchema.default(TlsSchema.parse({})),
    inference: InferenceSchema.default(InferenceSchema.parse({})),
    models: ModelsSchema.default(ModelsSchema.parse({})),
    jobs: JobsSchema.default(JobsSchema.parse({})),
    limits: LimitsSchema.default(LimitsSchema.parse({})),
    logging: LoggingSchema.default(LoggingSchema.parse({})),
    metering: MeteringSchema.default(MeteringSchema.parse({})),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
