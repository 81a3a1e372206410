/** Participants per band of time in programme and gender: grouped bars (see gender-bars.ts). */
import type { Chart } from "./types.ts";
import { genderBars } from "./gender-bars.ts";
import type { RowsInput } from "./common.ts";

export interface TimeBandRow {
  band: string;
  gender?: string | null;
  participants: number | null;
}

export interface TimeInProgrammeOptions {
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

export function timeInProgramme(input: RowsInput<TimeBandRow>, opts: TimeInProgrammeOptions = {}): Chart {
  return genderBars(input as RowsInput<Record<string, unknown>>, {
    bandField: "band",
    measure: "participants",
    bandLabel: "Tid i insats",
    bandNoun: "tidsgrupp",
    noun: "deltagare",
    order: opts.order,
    title: opts.title ?? "Deltagare efter tid i insats och kön",
    subtitle: opts.subtitle,
    source: opts.source,
    name: opts.name ?? "deltagare-per-tid-i-insats",
    period: opts.period,
    xTitle: "Tid i insats",
  });
}
