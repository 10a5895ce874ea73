/** Calendar arithmetic on proleptic Gregorian days (UTC), and the ISO-style strings timex uses. */

/** A calendar day. `m` is 1-12. */
export interface Day {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

const pad = (n: number, width = 2): string =>
  width === 2 && n >= 0 && n < 10 && Number.isInteger(n) ? `0${n}` : String(n).padStart(width, '0');

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return MONTH_LENGTHS[m - 1] ?? NaN;
}

export function isValidDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** `2026-05-03` */
export function formatDay(day: Day): string {
  return `${pad(day.y, 4)}-${pad(day.m)}-${pad(day.d)}`;
}

export function dayOf(date: Date): Day {
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

function fromUtc(ms: number): Day {
  return dayOf(new Date(ms));
}

/**
 * Whether a day (with any whole day-of-month offset) is in the range where plain arithmetic agrees with
 * `Date.UTC`, which reads years 0-99 as 1900-1999 and normalises months: outside it, `Date` decides.
 */
const arithmetic = (y: number, m: number, d: number): boolean =>
  y >= 100 &&
  y <= 9999 &&
  m >= 1 &&
  m <= 12 &&
  Number.isInteger(y) &&
  Number.isInteger(m) &&
  Number.isInteger(d);

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil); `d` may overflow. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** The date `days` days after 1970-01-01 (civil_from_days). */
function civilFromDays(days: number): Day {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

/** Days since 1970-01-01, as `Date.UTC` counts them (NaN where it gives NaN). */
function epochDays(y: number, m: number, d: number): number {
  return arithmetic(y, m, d) ? daysFromCivil(y, m, d) : Date.UTC(y, m - 1, d) / 86_400_000;
}

export function addDays(day: Day, n: number): Day {
  if (arithmetic(day.y, day.m, day.d) && Number.isInteger(n) && Math.abs(day.d + n) < 1e6) {
    const days = daysFromCivil(day.y, day.m, day.d + n);
    // Within Date's range (about 275,000 years either side of 1970).
    if (Math.abs(days) < 1e8) return civilFromDays(days);
  }
  return fromUtc(Date.UTC(day.y, day.m - 1, day.d + n));
}

/** Adds months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28). */
export function addMonths(day: Day, n: number): Day {
  const total = day.y * 12 + (day.m - 1) + n;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return { y, m, d: Math.min(day.d, daysInMonth(y, m)) };
}

export function compareDays(a: Day, b: Day): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

/** ISO weekday: Monday 1 ... Sunday 7. */
export function weekday(day: Day): number {
  if (arithmetic(day.y, day.m, day.d)) return ((((daysFromCivil(day.y, day.m, day.d) + 3) % 7) + 7) % 7) + 1;
  const w = new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** The Monday of the week holding `day`. */
export function mondayOf(day: Day): Day {
  return addDays(day, 1 - weekday(day));
}

/** ISO 8601 week-numbering year and week: `2026-W18`. */
export function isoWeek(day: Day): string {
  const thursday = addDays(day, 4 - weekday(day));
  const jan1 = Date.UTC(thursday.y, 0, 1);
  const week = Math.floor((Date.UTC(thursday.y, thursday.m - 1, thursday.d) - jan1) / 86_400_000 / 7) + 1;
  return `${pad(thursday.y, 4)}-W${pad(week)}`;
}

/** Whole days from a to b. */
export function daysBetween(a: Day, b: Day): number {
  return Math.round(epochDays(b.y, b.m, b.d) - epochDays(a.y, a.m, a.d));
}

export { pad };
