/**
 * Small multiples: the same chart once per provider (or unit), stacked vertically with shared
 * x scales. Thin wrappers over the `facet` option of the builders.
 */
import type { Chart } from "./types.ts";
import type { RowsInput } from "./common.ts";
import { outcomesByReason, type OutcomeRow, type OutcomesByReasonOptions } from "./outcomes-by-reason.ts";
import { genderSplit, type GenderRow, type GenderSplitOptions } from "./gender-split.ts";

/** Ended enrolments by reason, one panel per value of `facet` (default "provider"). */
export function outcomesByReasonPer(input: RowsInput<OutcomeRow>, opts: OutcomesByReasonOptions = {}): Chart {
  return outcomesByReason(input, { ...opts, facet: opts.facet ?? "provider" });
}

/** Gender split, one panel per value of `facet` (default "provider"). */
export function genderSplitPer(input: RowsInput<GenderRow>, opts: GenderSplitOptions = {}): Chart {
  return genderSplit(input, { ...opts, facet: opts.facet ?? "provider" });
}
