import { readFileSync } from 'node:fs';

/**
 * Prose paragraphs of a reStructuredText file (Sphinx sources): directives, literal blocks (indented
 * after `::`), section underlines and tables are dropped; roles and inline markup keep their text
 * (`:func:\`len\`` -> `len`, ``` ``x`` ``` -> `x`, `*type*` -> `type`).
 */
export function rstParagraphs(file: string): string[] {
  const out: string[] = [];
  let literalIndent = -1; // inside a literal block: lines indented deeper than this are code
  let para: string[] = [];
  const flush = (): void => {
    const text = para.join(' ').replace(/\s+/g, ' ').trim();
    if (text !== '') out.push(cleanInline(text));
    para = [];
  };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    if (literalIndent >= 0) {
      if (body === '' || indent > literalIndent) continue;
      literalIndent = -1;
    }
    if (body === '') {
      flush();
      continue;
    }
    if (/^([=\-~^"'`#*+_.:])\1{2,}$/.test(body) || /^[+|]/.test(body) || /^\.\. /.test(body)) {
      flush();
      // A directive's indented body (code, options) is not prose either.
      if (/^\.\. /.test(body)) literalIndent = indent;
      continue;
    }
    if (body.startsWith('>>>') || body.startsWith('...') || body.startsWith('$ ')) continue;
    para.push(body.replace(/^[-*] /, ''));
    if (body.endsWith('::')) {
      para[para.length - 1] = para[para.length - 1]!.replace(/::$/, ':');
      flush();
      literalIndent = indent;
    }
  }
  flush();
  return out;
}

function cleanInline(text: string): string {
  return text
    .replace(/:[a-z:]+:`~?!?([^`<]*?)(?:\s*<[^>]*>)?`/g, '$1')
    .replace(/``([^`]*)``/g, '$1')
    .replace(/`([^`<]*?)(?:\s*<[^>]*>)?`_{0,2}/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\*([^*\s][^*]*)\*/g, '$1')
    .replace(/\|([^|\s]+)\|/g, '$1');
}
