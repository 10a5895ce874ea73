/**
 * A city or state named for its team: in a sports report, "Los Angeles won for the seventh time",
 * "St Louis defeated Colorado", "Texas's lead over Seattle", "to give Minnesota a 4-2 lead". A
 * country stays a place (national sides are named like their countries, and read as them), and so
 * does a city outside those few positions ("at Grace Road", "in Cleveland").
 */

/** Verbs of a result, after the team: "Los Angeles won", "Colorado beat". */
const RESULT_AFTER =
  /\s+(?:won|beat|defeated|edged|routed|blanked|downed|swept|topped|rallied|outscored|trounced|thrashed|lost|manager|coach)\b/y;
/** Before the team: "defeated Colorado", "the lead over Seattle", "to give Minnesota". */
const RESULT_BEFORE =
  /\b(?:beat|defeated|edged|routed|blanked|downed|swept|topped|outscored|trounced|thrashed|lead over)\s+$/;
const GIVE_BEFORE = /\bgive\s+$/;
/** "give Minnesota a 4-2 lead". */
const SCORE_LEAD_AFTER = /\s+an?\s+\d+-\d+\s+lead\b/y;
/** Words of a game's report; one is needed in the sentence. */
const SPORTS_WORDS =
  /\b(?:homer(?:s|ed)?|innings?|RBIs?|pitch(?:er|ed)|touchdowns?|goals?|wickets?|match(?:es)?|games?|season|series|playoffs?|league|halftime|quarterback|striker|\d+-\d+)\b/;

/** Whether the city or state at [start, end) names its team (see above). */
export function namesItsTeam(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 16), start);
  let placed = RESULT_BEFORE.test(before);
  if (!placed) {
    RESULT_AFTER.lastIndex = end;
    placed = RESULT_AFTER.test(text);
  }
  if (!placed && GIVE_BEFORE.test(before)) {
    SCORE_LEAD_AFTER.lastIndex = end;
    placed = SCORE_LEAD_AFTER.test(text);
  }
  return placed && SPORTS_WORDS.test(sentenceAround(text, start, end));
}

/** Whether the sentence around [start, end) reads as a game's report (one of `SPORTS_WORDS`). */
export function inGameReport(text: string, start: number, end: number): boolean {
  return SPORTS_WORDS.test(sentenceAround(text, start, end));
}

/**
 * How far the sentence around a name is read either side: a text with no sentence ends (a pasted table,
 * a 5,000-character line of "X won") must not cost a scan of the whole text for every name in it.
 */
export const SENTENCE_REACH = 300;

/**
 * The text from the sentence end before `start` to the one after `end` (a line break ends one too),
 * at most SENTENCE_REACH characters either side.
 */
export function sentenceAround(text: string, start: number, end: number): string {
  const first = Math.max(0, start - SENTENCE_REACH);
  const last = Math.min(text.length, end + SENTENCE_REACH);
  let from = start;
  while (from > first && !/[.!?\n]/.test(text[from - 1]!)) from--;
  let to = end;
  while (to < last && !/[.!?\n]/.test(text[to]!)) to++;
  return text.slice(from, to);
}
