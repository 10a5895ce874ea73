import { z } from 'zod';
import { ConfigSchema } from './schema.ts';

/** A setting from somewhere other than the YAML files: a path into the config and its raw value. */
export interface Override {
  readonly path: readonly string[];
  readonly value: string;
  /** Where it came from, for error messages (never the value: it may be a secret). */
  readonly origin: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The container's top-level names, matched case-insensitively like the Azure containers do. */
const AZURE_NAMES: Record<string, readonly string[]> = {
  eula: ['azure', 'eula'],
  billing: ['azure', 'billing'],
  apikey: ['azure', 'apiKey'],
  // The Custom NER container's run line (`projectName=P exportedModelName=M`, the model in /modelPath).
  projectname: ['models', 'projectName'],
  exportedmodelname: ['models', 'exportedModelName'],
};

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

/** `Eula=accept`, `Server:Port=5001`, `Inference__Workers=2` from the command line. */
export function overridesFromArgs(argv: readonly string[]): Override[] {
  return argv.map((arg) => {
    const eq = arg.indexOf('=');
    if (eq <= 0)
      throw new ConfigError(`command-line argument "${arg.split('=')[0]}" is not of the form Name=value`);
    const name = arg.slice(0, eq);
    return toOverride(name, arg.slice(eq + 1), `command line ${name}`);
  });
}

/** `EULA`, `billing`, `ApiKey`, `projectName`, `exportedModelName` (any case) and `NERGW_SECTION__KEY` from the environment. */
export function overridesFromEnv(env: NodeJS.ProcessEnv): Override[] {
  const out: Override[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (AZURE_NAMES[name.toLowerCase()]) {
      out.push({ path: AZURE_NAMES[name.toLowerCase()]!, value, origin: `environment ${name}` });
    } else if (name.toUpperCase().startsWith(ENV_PREFIX) && name.toUpperCase() !== 'NERGW_CONFIG') {
      out.push(toOverride(name.slice(ENV_PREFIX.length), value, `environment ${name}`));
    }
  }
  return out;
}

function toOverride(name: string, value: string, origin: string): Override {
  const azure = AZURE_NAMES[name.toLowerCase()];
  if (azure) return { path: azure, value, origin };
  const segments = name.split(/:|__/).filter(Boolean);
  return { path: resolvePath(segments, origin), value, origin };
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
