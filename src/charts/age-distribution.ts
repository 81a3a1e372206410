/** Participants per age band and gender: grouped bars (see gender-bars.ts). */
import type { Chart } from "./types.ts";
import { genderBars } from "./gender-bars.ts";
import type { RowsInput } from "./common.ts";

export interface AgeRow {
  ageBand: string;
  gender?: string | null;
  participants: number | null;
}

export interface AgeDistributionOptions {
  /** Band order (default: order of first appearance, so pass the metric's order). */
  order?: readonly string[];
  title?: string;
  subtitle?: string;
  source?: string;
  name?: string;
  /** The period or date the counts refer to ("YYYY-MM" = January to that month, "YYYY-MM-DD" or
   *  words), named in the title of the standalone figure. */
  period?: string;
}

export function ageDistribution(input: RowsInput<AgeRow>, opts: AgeDistributionOptions = {}): Chart {
  return genderBars(input as RowsInput<Record<string, unknown>>, {
    bandField: "ageBand",
    measure: "participants",
    bandLabel: "Åldersgrupp",
    bandNoun: "åldersgrupp",
    noun: "deltagare",
    order: opts.order,
    title: opts.title ?? "Deltagare per åldersgrupp och kön",
    subtitle: opts.subtitle,
    source: opts.source,
    name: opts.name ?? "deltagare-per-alder",
    period: opts.period,
    xTitle: "Ålder",
  });
}
