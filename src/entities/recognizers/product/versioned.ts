/**
 * "FortiClient 7.2", "PowerShell 7.4", "GitLab 16.5": software no list knows, by its shape. A name
 * written with a capital inside (never a word's shape, nor a person's: not "McDonald", "MacKay",
 * "DeShawn") and a dotted version right after it is a ComputingProduct.
 */

/**
 * A name with an inner capital (not two months run together, a futures contract's "AugSep"), one space, a
 * version of two or three dotted numbers whose first has at most two digits (a price has more: "752.50").
 */
const VERSIONED =
  /(?<![\p{L}\p{N}.@/-])((?!Mc|Mac|(?:De|Le|La|Di|Du|Da)\p{Lu}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b)\p{Lu}\p{Ll}+\p{Lu}[\p{L}]*|\p{Ll}{1,2}\p{Lu}[\p{L}]*) \d{1,2}\.\d{1,3}(?:\.\d{1,3})?(?![\p{N}.]\d|[\p{L}%])/gu;

export interface VersionedName {
  readonly start: number;
  readonly end: number;
}

/** Versioned names in `text`, left to right, at most `max`. */
export function versionedNames(text: string, max: number): VersionedName[] {
  const out: VersionedName[] = [];
  VERSIONED.lastIndex = 0;
  for (let m = VERSIONED.exec(text); m && out.length < max; m = VERSIONED.exec(text))
    out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}
