import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ModelLoadError } from './errors.ts';

/** How a user turns a Language Studio project into a model folder ner-gateway serves. */
export const TRAIN_LOCALLY =
  'npm run train:custom -- --project <labels.json> --documents <dir> --out <model dir>';

/** Azure's Custom NER container run line: `projectName=P exportedModelName=M`, the model in /modelPath. */
export interface ExportedModelSettings {
  readonly projectName: string;
  readonly exportedModelName?: string | undefined;
  readonly modelPath: string;
}

/** Files a folder needs to be one of our model formats (the loaders check the rest). */
function missingModelFiles(dir: string): string[] | undefined {
  if (existsSync(join(dir, 'manifest.json'))) return [];
  if (!existsSync(join(dir, 'config.json'))) return undefined;
  return ['tokenizer.json', 'model.onnx'].filter((f) => !existsSync(join(dir, f)));
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function listing(dir: string): string {
  const names = readdirSync(dir).filter((n) => !n.startsWith('.'));
  if (names.length === 0) return 'is empty';
  const shown = names.slice(0, 5).join(', ');
  return `holds ${shown}${names.length > 5 ? `, … (${names.length} entries)` : ''}`;
}

/**
 * The model folder the run line names: `<modelPath>/<exportedModelName>/` if that is a model folder,
 * else `<modelPath>/` itself. Anything else stops the start with one line saying why and what to do:
 * Azure's container downloads its exported model into /modelPath, but that export's format is not
 * public, so the same project has to be trained here.
 */
export function exportedModelDir(s: ExportedModelSettings): string {
  const candidates = [
    ...(s.exportedModelName ? [join(s.modelPath, s.exportedModelName)] : []),
    s.modelPath,
  ].filter(isDirectory);
  for (const dir of candidates) {
    const missing = missingModelFiles(dir);
    if (missing?.length === 0) return dir;
    if (missing) {
      throw new ModelLoadError(
        `projectName ${s.projectName}: ${dir} is a Hugging Face export without ${missing.join(' and ')}, which ner-gateway needs to serve it`,
      );
    }
  }
  const found = isDirectory(s.modelPath) ? listing(s.modelPath) : 'does not exist';
  throw new ModelLoadError(
    `projectName ${s.projectName}: models.modelPath ${s.modelPath} ${found}, and no model ner-gateway can load (manifest.json, or a Hugging Face export's config.json, tokenizer.json and model.onnx) is there${s.exportedModelName ? ` or in ${join(s.modelPath, s.exportedModelName)}` : ''}. ner-gateway cannot download or read Azure's exported Custom NER models (their format is not public): train the same project locally from its Language Studio export with \`${TRAIN_LOCALLY}\` and mount <model dir> at models.modelPath.`,
  );
}
