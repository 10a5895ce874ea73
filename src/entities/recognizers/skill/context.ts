/**
 * Technical context for skills named by common words ("Go", "R", "Rust", "Swift", "Spring"): a cue
 * word near them ("proficient in Go", "Rust programming") or a list shared with a skill that needs no
 * context ("Python, Go and Rust").
 */

/** Words shortly before a skill that make it one ("experience with", "knowledge of", "written in"). */
const CUES_BEFORE = new Set(
  `proficient proficiency fluent fluency expertise expert experience experienced knowledge skilled skills
  skill familiarity familiar background programming coding code written developer developers engineer
  engineers languages language frameworks framework stack learn learning learned learnt teach taught`.split(
    /\s+/,
  ),
);

/** Words right after a skill that make it one ("Go programming", "Swift developer"). */
const CUES_AFTER = new Set(
  `programming language languages developer developers development code coding codebase framework
  library libraries engineer engineers programmer programmers script scripts scripting lang compiler
  sdk api apis app apps backend frontend skills experience`.split(/\s+/),
);

const WORD = /[\p{L}\p{N}+#]+/gu;
const LOOK_BEHIND = 48;
const LOOK_AHEAD = 24;

/** Lower-case words of `s`. */
function words(s: string): string[] {
  return (s.match(WORD) ?? []).map((w) => w.toLowerCase());
}

/** Whether a cue word stands near [start, end) within its sentence. */
export function hasCue(text: string, start: number, end: number): boolean {
  let before = text.slice(Math.max(0, start - LOOK_BEHIND), start);
  const stop = Math.max(before.lastIndexOf('. '), before.lastIndexOf('! '), before.lastIndexOf('? '));
  if (stop >= 0) before = before.slice(stop + 2);
  if (words(before).some((w) => CUES_BEFORE.has(w))) return true;
  const after = /^[^.!?;]*/.exec(text.slice(end, end + LOOK_AHEAD))![0];
  return words(after)
    .slice(0, 2)
    .some((w) => CUES_AFTER.has(w));
}

/** Only list punctuation between two spans: ", ", " and ", ", or ", " / ", " & ". */
export function listed(between: string): boolean {
  return between.length <= 8 && /^\s*(?:,|\/|&)?\s*(?:(?:and|or|&)\s+)?$/.test(between);
}
