import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { markupParagraphs } from './markup.ts';

/**
 * Verses of a SWORD zText module (Debian's sword-text-* packages), one paragraph each. For each
 * testament: `.bzs` lists the zlib blocks of `.bzz` (offset, size, uncompressed size: 3 x u32 LE),
 * `.bzv` every verse (block, offset, size: u32, u32, u16 LE). OSIS markup and footnotes are dropped.
 */
export function swordVerses(moduleDir: string): string[] {
  const out: string[] = [];
  for (const testament of ['ot', 'nt']) {
    const bzs = readFileSync(join(moduleDir, `${testament}.bzs`));
    const bzz = readFileSync(join(moduleDir, `${testament}.bzz`));
    const bzv = readFileSync(join(moduleDir, `${testament}.bzv`));
    const blocks: Buffer[] = [];
    for (let i = 0; i + 12 <= bzs.length; i += 12) {
      const offset = bzs.readUInt32LE(i);
      blocks.push(inflateSync(bzz.subarray(offset, offset + bzs.readUInt32LE(i + 4))));
    }
    for (let i = 0; i + 10 <= bzv.length; i += 10) {
      const block = blocks[bzv.readUInt32LE(i)];
      const offset = bzv.readUInt32LE(i + 4);
      const size = bzv.readUInt16LE(i + 8);
      if (!block || size === 0) continue;
      const verse = markupParagraphs(block.subarray(offset, offset + size).toString('utf8')).join(' ');
      if (verse !== '') out.push(verse);
    }
  }
  return out;
}
