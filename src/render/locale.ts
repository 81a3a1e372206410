/**
 * The Swedish d3/vega locale for chart axes and labels: decimal comma, thousands separated by
 * U+00A0, "52 %" (d3's `percent` symbol with a no-break space), "1 694 000 kr" for `$` formats,
 * U+2212 for negative numbers, Swedish month and day names.
 *
 * It is applied per view (`new vega.View(runtime, { locale: SWEDISH_LOCALE })`, see svg.ts) and
 * in the theme's `config.locale`, never by mutating vega's global default locale.
 * The month abbreviations are the same as `formatMonthShort` in format.ts.
 */
import { DAYS_SHORT_SV, DAYS_SV, MINUS, MONTHS_SHORT_SV, MONTHS_SV, NBSP } from "./format.ts";

/** d3-format locale definition. */
export interface NumberLocaleDefinition {
  decimal: string;
  thousands: string;
  grouping: number[];
  currency: [string, string];
  minus?: string;
  percent?: string;
  nan?: string;
}

/** d3-time-format locale definition. */
export interface TimeLocaleDefinition {
  dateTime: string;
  date: string;
  time: string;
  periods: [string, string];
  days: string[];
  shortDays: string[];
  months: string[];
  shortMonths: string[];
}

export const SWEDISH_NUMBER_LOCALE: NumberLocaleDefinition = {
  decimal: ",",
  thousands: NBSP,
  grouping: [3],
  currency: ["", `${NBSP}kr`],
  minus: MINUS,
  percent: `${NBSP}%`,
  nan: "\u2013",
};

export const SWEDISH_TIME_LOCALE: TimeLocaleDefinition = {
  dateTime: "%A den %d %B %Y %X",
  date: "%Y-%m-%d",
  time: "%H:%M:%S",
  periods: ["fm", "em"],
  days: [...DAYS_SV],
  shortDays: [...DAYS_SHORT_SV],
  months: [...MONTHS_SV],
  shortMonths: [...MONTHS_SHORT_SV],
};

/** Both definitions, in the shape vega's `ViewOptions.locale` and Vega-Lite's `config.locale` take. */
export const SWEDISH_LOCALE = { number: SWEDISH_NUMBER_LOCALE, time: SWEDISH_TIME_LOCALE } as const;
