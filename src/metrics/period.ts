/**
 * Reporting periods: an interim report "per 30 April 2023" covers January–April, with the
 * reference date (for "enrolled now") on the last day of the period.
 */

export interface YearToDate {
  /** First day of the year, "YYYY-01-01". */
  from: string;
  /** Last day of the period month, "YYYY-MM-DD". */
  to: string;
  /** Same as `to`: the day "enrolled now" is counted on. */
  refDate: string;
  year: number;
  /** The period month "YYYY-MM". */
  month: string;
}

/** The year-to-date period ending with month "YYYY-MM" (UTC calendar). */
export function yearToDate(month: string): YearToDate {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new RangeError(`period must be YYYY-MM, got ${JSON.stringify(month)}`);
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const lastDay = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  const to = `${m[1]}-${m[2]}-${String(lastDay).padStart(2, "0")}`;
  return { from: `${m[1]}-01-01`, to, refDate: to, year, month };
}
