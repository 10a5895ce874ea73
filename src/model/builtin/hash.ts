/** FNV-1a offset basis: the state before any character. */
export const FNV_BASIS = 0x811c9dc5;

/** Continues a 32-bit FNV-1a state over the UTF-16 code units of `s`, so a string can be hashed in parts. */
export function fnvFold(state: number, s: string): number {
  let h = state;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** 32-bit FNV-1a over UTF-16 code units: the fingerprint of a feature string. */
export function fingerprint(s: string): number {
  return fnvFold(FNV_BASIS, s) >>> 0;
}
