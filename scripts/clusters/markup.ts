/** Turns marked-up text (HTML, OSIS) into plain paragraphs. */

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  copy: '©',
  reg: '®',
  trade: '™',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (_whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
    }
    return NAMED[ref.toLowerCase()] ?? ' '; // arrows, symbols: not words
  });
}

// Elements whose content is not running text: code blocks, scripts, styling, footnotes (OSIS).
const DROPPED = /<(script|style|head|pre|math|svg|note)\b[^>]*>[\s\S]*?<\/\1>/gi;
// Elements that end a paragraph.
const BLOCK =
  /<\/?(?:p|div|br|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|blockquote|title|section|hr)\b[^>]*>/gi;

/** Paragraphs of an HTML (or OSIS) fragment: code blocks dropped, tags removed, entities decoded. */
export function markupParagraphs(html: string): string[] {
  // Line breaks in the source mean nothing: paragraphs end at block elements only.
  const text = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(DROPPED, '\n')
    .replace(/\s+/g, ' ')
    .replace(BLOCK, '\n');
  return decodeEntities(text.replace(/<[^>]*>/g, ''))
    .split('\n')
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
}
