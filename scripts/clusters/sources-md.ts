import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const BEGIN = '<!-- word-clusters: begin (written by scripts/clusters/build.ts) -->';
const END = '<!-- word-clusters: end -->';

/** Puts `section` into SOURCES.md between the build's markers: replaced if there, appended if not. */
export function writeSourcesSection(file: string, section: string): void {
  const block = `${BEGIN}\n${section.trim()}\n${END}\n`;
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Sources of models/resources\n\n';
  const start = old.indexOf(BEGIN);
  const end = old.indexOf(END);
  const text =
    start >= 0 && end > start
      ? old.slice(0, start) + block + old.slice(end + END.length).replace(/^\n/, '')
      : old.replace(/\n*$/, '\n\n') + block;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
