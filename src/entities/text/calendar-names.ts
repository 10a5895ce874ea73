/** The days of the week and the months, capitalised as names: words that begin a date, not a name. */
export const DAY_AND_MONTH_NAMES: readonly string[] = (
  'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July ' +
  'August September October November December'
).split(' ');
