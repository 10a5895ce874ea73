import { z } from 'zod';
import { GatewayError } from '../errors/base.ts';
import { ConfigSchema } from './schema.ts';

/** A setting from somewhere other than the YAML files: a path into the config and its raw value. */
export interface Override {
  readonly path: readonly string[];
  readonly value: string;
  /** Where it came from, for error messages (never the value: it may be a secret). */
  readonly origin: string;
}

/** A setting that is unknown, invalid or missing; main.ts prints it and exits 2. */
export class ConfigError extends GatewayError {
  readonly code = 'CONFIG_INVALID';
}

/**
 * Azure's top-level names (every Azure AI container's settings; any case, as arguments or
 * environment variables) and where each goes here.
 */
const AZURE_NAMES: Record<string, readonly string[]> = {
  eula: ['azure', 'eula'],
  billing: ['azure', 'billing'],
  apikey: ['azure', 'apiKey'],
  // The Custom NER container's run line (`projectName=P exportedModelName=M`, the model in /modelPath).
  projectname: ['models', 'projectName'],
  exportedmodelname: ['models', 'exportedModelName'],
  // Azure's HTTP proxy settings, and the names curl and most tools read.
  http_proxy: ['outbound', 'httpProxy'],
  http_proxy_creds: ['outbound', 'httpProxyCreds'],
  https_proxy: ['outbound', 'httpsProxy'],
  no_proxy: ['outbound', 'noProxy'],
};

/** An Azure name spelt differently here; `value` translates its value when the meaning differs too. */
interface Alias {
  readonly path: readonly string[];
  readonly value?: (raw: string) => string;
}

/** The audit lines are `info`: a category level above it (Warning, Error, None…) turns them off. */
const auditEnabled = (raw: string): string =>
  String(['trace', 'debug', 'information', 'info'].includes(raw.trim().toLowerCase()));

/** Azure's nested names (lower case, `:`-joined) that map onto settings of another name. */
const AZURE_ALIASES: Record<string, Alias> = {
  'logging:console:loglevel:default': { path: ['logging', 'level'] },
  'logging:loglevel:default': { path: ['logging', 'level'] },
  'logging:console:loglevel:audit': { path: ['logging', 'audit'], value: auditEnabled },
  'logging:loglevel:audit': { path: ['logging', 'audit'], value: auditEnabled },
};

/**
 * Azure's sections. A name under them that ner-gateway does not use (`Logging:Console:FormatterName`,
 * `Mounts:License`…) is reported and skipped, never fatal: Azure's documented run lines must start.
 */
const AZURE_SECTIONS = new Set(['logging', 'mounts', 'fluentd', 'applicationinsights']);
/** Azure's top-level names with no meaning here (disconnected-container licensing): reported and skipped. */
const AZURE_UNUSED = new Set(['downloadlicense']);

/** The top-level sections of our own settings (`server`, `metering`, …), lower case. */
const OWN_SECTIONS = new Set(Object.keys(objectShape(ConfigSchema) ?? {}).map((k) => k.toLowerCase()));

/** An Azure setting ner-gateway accepts but does not use (logged at start). */
export interface IgnoredSetting {
  readonly name: string;
  readonly origin: string;
}

const ENV_PREFIX = 'NERGW_';

type Shape = Record<string, z.ZodType>;

function objectShape(schema: z.ZodType): Shape | undefined {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s instanceof z.ZodObject ? (s.shape as Shape) : undefined;
}

/** Maps case-insensitive segments (`server`, `PORT`) onto the schema's keys (`server`, `port`). */
export function resolvePath(segments: readonly string[], origin: string): string[] {
  const out: string[] = [];
  let shape = objectShape(ConfigSchema);
  for (const seg of segments) {
    const key = shape && Object.keys(shape).find((k) => k.toLowerCase() === seg.toLowerCase());
    if (!shape || !key) {
      throw new ConfigError(`unknown setting "${segments.join(':')}" (from ${origin})`);
    }
    out.push(key);
    shape = objectShape(shape[key]!);
  }
  if (shape)
    throw new ConfigError(`setting "${segments.join(':')}" (from ${origin}) is a section, not a value`);
  return out;
}

/**
 * `Eula=accept`, `Server:Port=5001`, `Inference__Workers=2`, `Logging:Console:LogLevel:Default=Debug`
 * from the command line. Every argument is a setting: an unknown one stops startup, except under
 * Azure's sections, where it is added to `ignored`.
 */
export function overridesFromArgs(argv: readonly string[], ignored: IgnoredSetting[] = []): Override[] {
  const out: Override[] = [];
  for (const arg of argv) {
    const eq = arg.indexOf('=');
    if (eq <= 0)
      throw new ConfigError(`command-line argument "${arg.split('=')[0]}" is not of the form Name=value`);
    const name = arg.slice(0, eq);
    const override = toOverride(name, arg.slice(eq + 1), `command line ${name}`, ignored);
    if (override) out.push(override);
  }
  return out;
}

/**
 * Settings from the environment: Azure's names in any case (`EULA`, `billing`, `HTTP_PROXY`,
 * `Logging__Console__LogLevel__Default`, `MOUNTS__OUTPUT`), `NERGW_SECTION__KEY`, and
 * `Section__Key` for a section of ours. The same rule as arguments: an unknown name in one of our
 * sections stops startup, one under an Azure section is added to `ignored`; variables that name
 * neither (PATH, HOME…) are not settings.
 */
export function overridesFromEnv(env: NodeJS.ProcessEnv, ignored: IgnoredSetting[] = []): Override[] {
  const out: Override[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const upper = name.toUpperCase();
    const origin = `environment ${name}`;
    let override: Override | undefined;
    if (upper.startsWith(ENV_PREFIX)) {
      if (upper === 'NERGW_CONFIG') continue;
      override = toOverride(name.slice(ENV_PREFIX.length), value, origin, ignored);
    } else if (isSettingName(name)) {
      override = toOverride(name, value, origin, ignored);
    }
    if (override) out.push(override);
  }
  return out;
}

/** An environment variable that is a setting without the NERGW_ prefix: an Azure name or `Section__Key`. */
function isSettingName(name: string): boolean {
  const lower = name.toLowerCase();
  if (AZURE_NAMES[lower] || AZURE_UNUSED.has(lower)) return true;
  const [first, ...rest] = lower.split('__');
  return rest.length > 0 && (OWN_SECTIONS.has(first!) || AZURE_SECTIONS.has(first!));
}

function toOverride(
  name: string,
  value: string,
  origin: string,
  ignored: IgnoredSetting[],
): Override | undefined {
  const segments = name.split(/:|__/).filter(Boolean);
  const key = segments.join(':').toLowerCase();
  const azure = AZURE_NAMES[key];
  if (azure) return { path: azure, value, origin };
  const alias = AZURE_ALIASES[key];
  if (alias) return { path: alias.path, value: alias.value ? alias.value(value) : value, origin };
  try {
    return { path: resolvePath(segments, origin), value, origin };
  } catch (err) {
    const section = segments[0]?.toLowerCase() ?? '';
    if (!(AZURE_SECTIONS.has(section) || AZURE_UNUSED.has(key))) throw err;
    ignored.push({ name: segments.join(':'), origin });
    return undefined;
  }
}
/** Writes overrides into a plain config object (later ones win). */
export function applyOverrides(target: Record<string, unknown>, overrides: readonly Override[]): void {
  for (const o of overrides) {
    let node = target;
    for (const seg of o.path.slice(0, -1)) {
      const child = node[seg];
      if (typeof child !== 'object' || child === null) node[seg] = {};
      node = node[seg] as Record<string, unknown>;
    }
    node[o.path[o.path.length - 1]!] = o.value;
  }
}
