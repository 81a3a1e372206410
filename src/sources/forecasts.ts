/** forecasts — `prognos.csv`: full-year forecasts, one row per forecast month and unit. */
import { loadFile, type Loaded, type LoadOptions } from "../schema/load.ts";
import { defineSchema } from "../schema/types.ts";
import type { CoverageSpec } from "./coverage.ts";

export const forecastsSchema = defineSchema({
  kind: "forecasts",
  fileName: "prognos.csv",
  title: "Helårsprognoser",
  columns: {
    forecastMonth: { type: "month", header: "Prognosmånad", required: true, aliases: ["Prognosmanad", "Prognos månad", "Månad", "Forecast month"], description: "month the forecast was made" },
    unit: { type: "string", header: "Ansvar", required: true, aliases: ["Kostnadsställe", "Kst", "Cost centre", "Cost center"], description: "cost centre" },
    activity: { type: "string", header: "Verksamhet", aliases: ["Vht", "Activity"], description: "activity" },
    account: { type: "string", header: "Konto", aliases: ["Account"], description: "account (class decides cost or revenue)" },
    forecast: { type: "money", header: "Helårsprognos", required: true, aliases: ["Helarsprognos", "Prognos", "Prognos helår", "Forecast", "Full-year forecast"], description: "forecast outcome for the full year" },
  },
});

export type ForecastsSchema = typeof forecastsSchema;

export function loadForecasts(path: string, opts?: LoadOptions): Promise<Loaded<ForecastsSchema>> {
  return loadFile(forecastsSchema, path, opts);
}

/** The time a forecasts export covers (each row is the forecast made in one month). */
// Not checked against the period: a year's first forecast comes after its first month, and a
// report per January, before any forecast, says so in words instead.
export const forecastsCoverage: CoverageSpec = { unit: "month", from: "forecastMonth", checkPeriod: false };
