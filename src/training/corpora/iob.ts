/** IO tags (every entity token `I-X`) as IOB2: a run of one type is one entity. */
export function ioToIob2(tags: readonly string[]): string[] {
  return tags.map((tag, i) => {
    if (tag === 'O') return tag;
    const type = tag.slice(2);
    return tags[i - 1]?.slice(2) === type && tags[i - 1] !== 'O' ? `I-${type}` : `B-${type}`;
  });
}

/** Tags of token spans (end exclusive), `O` elsewhere; spans must not overlap. */
export function spansToIob2(
  length: number,
  spans: readonly { start: number; end: number; type: string }[],
): string[] {
  const tags = new Array<string>(length).fill('O');
  for (const { start, end, type } of spans) {
    for (let i = start; i < end; i++) tags[i] = `${i === start ? 'B' : 'I'}-${type}`;
  }
  return tags;
}
