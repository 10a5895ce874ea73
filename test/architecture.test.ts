import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// The layering README's "Layout" describes, checked on the imports themselves: static `import`,
// `export … from` and dynamic `import('…')` of every file under src/.

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');
const SOURCE = /\.(?:ts|mts|cts|js|mjs|cjs)$/;

/** One import of one file: the importing file (relative to src/) and what it names. */
interface Import {
  readonly file: string;
  readonly specifier: string;
}

/** Module specifiers a source text imports or re-exports, dynamic `import()` included. */
function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const imports: Import[] = sourceFiles(SRC).flatMap((path) =>
  importsOf(readFileSync(path, 'utf8')).map((specifier) => ({
    file: relative(SRC, path).split(sep).join('/'),
    specifier,
  })),
);

/** The src/ folder a file belongs to; a file directly in src/ (main.ts) is its own unit. */
function folderOf(file: string): string {
  const [first, ...rest] = file.split('/');
  return rest.length > 0 ? first! : file;
}

/** The src/ folder a relative specifier of `file` points into, or undefined outside src/ or for a package. */
function targetFolder({ file, specifier }: Import): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = relative(SRC, resolve(SRC, dirname(file), specifier));
  if (target.startsWith('..')) return undefined;
  return folderOf(target.split(sep).join('/'));
}

/** Imports from files of `from` into the folder `to` (or, for a package name, of that package). */
function offending(from: string, to: { folder: string } | { pkg: string }): string[] {
  return imports
    .filter((i) => folderOf(i.file) === from)
    .filter((i) =>
      'folder' in to
        ? targetFolder(i) === to.folder
        : i.specifier === to.pkg || i.specifier.startsWith(`${to.pkg}/`),
    )
    .map((i) => `src/${i.file} -> ${i.specifier}`);
}

/** Folder-level import graph: folder -> folders it imports -> one import that shows it. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const i of imports) {
    const from = folderOf(i.file);
    const to = targetFolder(i);
    if (to === undefined || to === from) continue;
    const edges = graph.get(from) ?? new Map<string, string>();
    if (!edges.has(to)) edges.set(to, `src/${i.file} -> ${i.specifier}`);
    graph.set(from, edges);
  }
  return graph;
}

/** Strongly connected components with more than one folder (Tarjan): each is at least one cycle. */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('architecture: imports between src/ folders', () => {
  it('reads static imports, re-exports and dynamic import() of a source file', () => {
    const source = [
      "import type { A } from './a.ts';",
      "import { b } from '../b/b.ts';",
      "export { c } from './c.ts';",
      "export * from 'pkg';",
      "const d = await import('./d.ts');",
    ].join('\n');
    assert.deepEqual(importsOf(source), ['./a.ts', '../b/b.ts', './c.ts', 'pkg', './d.ts']);
    assert.ok(imports.length > 100, `only ${imports.length} imports read under src/`);
  });

  it('has no import cycle between folders', () => {
    const graph = folderGraph();
    const report = cycles(graph).map((component) => {
      const edges = component.flatMap((from) =>
        component.filter((to) => graph.get(from)?.has(to)).map((to) => `  ${graph.get(from)!.get(to)}`),
      );
      return [`cycle between ${component.join(', ')}:`, ...edges].join('\n');
    });
    assert.deepEqual(report, []);
  });

  it('inference imports nothing of server, api, security or metering (it knows no HTTP)', () => {
    for (const folder of ['server', 'api', 'security', 'metering']) {
      assert.deepEqual(offending('inference', { folder }), [], `inference imports ${folder}`);
    }
  });

  it('model imports nothing of inference (a model format knows no pool)', () => {
    assert.deepEqual(offending('model', { folder: 'inference' }), []);
  });

  it('training imports nothing of inference (training knows no pool)', () => {
    assert.deepEqual(offending('training', { folder: 'inference' }), []);
  });

  it('api imports nothing of onnxruntime-node (the API knows no ONNX)', () => {
    assert.deepEqual(offending('api', { pkg: 'onnxruntime-node' }), []);
  });

  it('security imports nothing of inference (the front door knows no pool)', () => {
    assert.deepEqual(offending('security', { folder: 'inference' }), []);
  });

  it('redis imports nothing of src/ but observability (a connection both security and api use)', () => {
    const others = imports.filter((i) => {
      const to = targetFolder(i);
      return folderOf(i.file) === 'redis' && to !== undefined && to !== 'redis' && to !== 'observability';
    });
    assert.deepEqual(
      others.map((i) => `src/${i.file} -> ${i.specifier}`),
      [],
    );
  });
});
