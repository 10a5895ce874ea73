/**
 * Holidays that move with Thanksgiving or Easter ("Black Friday", "Good Friday", "Mardi Gras"): their
 * day in a year. Shared by the holiday rule and the weekday rule, which leaves a holiday's weekday
 * alone ("the Good Friday Agreement" names no Friday).
 */
import { addDays, type Day, weekday } from './calendar.ts';

/** Easter Sunday of year `y` (Gregorian; the anonymous algorithm of Meeus). */
export function easterSunday(y: number): Day {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return { y, m: month, d: ((h + l - 7 * m + 114) % 31) + 1 };
}

/** The fourth Thursday of November (ISO weekday 4). */
function thanksgiving(y: number): Day {
  return { y, m: 11, d: 22 + ((4 - weekday({ y, m: 11, d: 1 }) + 7) % 7) };
}

/** Holidays that move from year to year (their words, space-joined) → their day in year y. */
export const MOVABLE_HOLIDAYS: ReadonlyMap<string, (y: number) => Day> = new Map([
  ['black friday', (y: number) => addDays(thanksgiving(y), 1)],
  ['cyber monday', (y: number) => addDays(thanksgiving(y), 4)],
  ['easter', easterSunday],
  ['easter sunday', easterSunday],
  ['easter monday', (y: number) => addDays(easterSunday(y), 1)],
  ['good friday', (y: number) => addDays(easterSunday(y), -2)],
  ['palm sunday', (y: number) => addDays(easterSunday(y), -7)],
  ['ash wednesday', (y: number) => addDays(easterSunday(y), -46)],
  ['shrove tuesday', (y: number) => addDays(easterSunday(y), -47)],
  ['mardi gras', (y: number) => addDays(easterSunday(y), -47)],
]);
/**
 * The day in a year of the movable holiday named `key`, if it is one; in lower case too, as the
 * reference reads them ("black friday deals"), but not "good friday" ("have a good Friday").
 */
export function movableHoliday(key: string, capital: boolean): ((y: number) => Day) | undefined {
  return capital || !key.startsWith('good ') ? MOVABLE_HOLIDAYS.get(key) : undefined;
}
