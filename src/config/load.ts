import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { type Config, ConfigSchema } from './schema.ts';
import {
  applyOverrides,
  ConfigError,
  overridesFromArgs,
  overridesFromEnv,
  resolvePath,
  type IgnoredSetting,
  type Override,
} from './sources.ts';

export { ConfigError, type IgnoredSetting } from './sources.ts';

export interface LoadConfigOptions {
  /** YAML files applied in order; missing optional files are skipped. */
  readonly files?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly argv?: readonly string[];
  /** Receives the Azure settings that are accepted but not used here (to log once the logger exists). */
  readonly ignored?: IgnoredSetting[];
}

/** The files read when none are given: the committed defaults, a local overlay, and $NERGW_CONFIG. */
export function defaultConfigFiles(env: NodeJS.ProcessEnv): string[] {
  const files = ['config/default.yaml', 'config/local.yaml'];
  if (env.NERGW_CONFIG) files.push(...env.NERGW_CONFIG.split(','));
  return files;
}

/**
 * Builds the configuration: YAML files, then environment, then `Name=value` arguments; validates
 * the result strictly so a misspelt or invalid setting stops startup with its name.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const files = options.files ?? defaultConfigFiles(env);
  const merged: Record<string, unknown> = {};
  for (const file of files) {
    const required = !file.endsWith('local.yaml');
    if (!existsSync(file)) {
      if (required && file !== 'config/default.yaml') throw new ConfigError(`config file ${file} not found`);
      continue;
    }
    let doc: unknown;
    try {
      doc = parseYaml(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConfigError(`config file ${file}: ${(err as Error).message}`);
    }
    if (doc === null || doc === undefined) continue;
    applyOverrides(merged, flatten(doc, file));
  }
  applyOverrides(merged, overridesFromEnv(env, options.ignored));
  applyOverrides(merged, overridesFromArgs(options.argv ?? [], options.ignored));
  outputMountDefaults(merged);

  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const msgs = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${msgs.join('; ')}`);
  }
  return parsed.data;
}

/**
 * Azure's `Mounts:Output` is where disconnected usage records go unless `metering.outputDir` is
 * set itself (it is the older, more specific name).
 */
function outputMountDefaults(merged: Record<string, unknown>): void {
  const output = (merged.mounts as Record<string, unknown> | undefined)?.output;
  if (output === undefined) return;
  const metering = (merged.metering ??= {}) as Record<string, unknown>;
  metering.outputDir ??= output;
}

/** YAML mapping -> overrides, so YAML keys get the same strict, case-insensitive name check. */
function flatten(doc: unknown, file: string, prefix: string[] = []): Override[] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ConfigError(`config file ${file}: ${prefix.join('.') || 'top level'} must be a mapping`);
  }
  const out: Override[] = [];
  for (const [key, value] of Object.entries(doc)) {
    const path = [...prefix, key];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out.push(...flatten(value, file, path));
    } else if (value !== null && value !== undefined) {
      // A list of mappings (e.g. rateLimits.routes) travels as JSON; the schema parses it back.
      const text =
        Array.isArray(value) && value.some((v) => typeof v === 'object')
          ? JSON.stringify(value)
          : String(value);
      out.push({ path: resolvePath(path, file), value: text, origin: file });
    }
  }
  return out;
}

/** The container refuses to start unless the EULA is accepted, as the Azure containers do. */
export function assertEulaAccepted(config: Config): void {
  if (config.azure.eula?.toLowerCase() !== 'accept') {
    throw new ConfigError(
      'the license agreement must be accepted: start with Eula=accept (argument or environment variable)',
    );
  }
}
