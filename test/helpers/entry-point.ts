/**
 * How tests start one of the project's programs (`src/main.ts`, `scripts/*.ts`) in a child process:
 * its compiled `dist/**.js` when `npm run build` has compiled every source since it last changed
 * (`npm test` builds first), otherwise the TypeScript source through tsx. The result is the same
 * program; the compiled one starts with ~1.2 s less CPU (tsx transpiles every module again in the
 * process and in each of its worker threads), and the suite starts about a hundred of them.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { PROJECT_ROOT as REPO } from '../../src/version.ts';

/** The folders tsconfig.build.json compiles into dist/. */
const COMPILED = ['src', 'scripts'];

/** Every `.ts` file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

/** `dist/<folder>/<name>.js` of a source under src/ or scripts/. */
function compiledOf(source: string): string {
  return join(REPO, 'dist', relative(REPO, source).replace(/\.ts$/, '.js'));
}

let built: boolean | undefined;

/**
 * Whether dist/ holds every source compiled since its last change: each `.js` exists and is no older
 * than its `.ts`. Checked once per test process (a few hundred stats).
 */
export function distIsCurrent(): boolean {
  built ??= COMPILED.flatMap((folder) => sources(join(REPO, folder))).every((source) => {
    const compiled = compiledOf(source);
    return existsSync(compiled) && statSync(compiled).mtimeMs >= statSync(source).mtimeMs;
  });
  return built;
}

/** Node's arguments that run `script` (absolute, or relative to the repository). */
export function nodeArgsFor(script: string): string[] {
  const source = resolve(REPO, script);
  const underCompiled = COMPILED.some((folder) => !relative(join(REPO, folder), source).startsWith('..'));
  if (underCompiled && source.endsWith('.ts') && distIsCurrent()) return [compiledOf(source)];
  return ['--import', 'tsx', source];
}
