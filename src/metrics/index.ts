/** The committee's figures: pure functions from loaded tables to arquero tables (see each module). */
export * from "./gender.ts";
export * from "./rounding.ts";
export { programmeOutcomes, endedByDetail, continuedEmployment, MUNICIPAL_EMPLOYMENT, OUTCOME_COUNTS } from "./outcomes.ts";
export type { OutcomeOptions, ContinuedOptions } from "./outcomes.ts";
export * from "./groups.ts";
export * from "./duration.ts";
export * from "./goals.ts";
export * from "./capacity.ts";
export * from "./assistance.ts";
export * from "./attendance.ts";
export * from "./budget.ts";
export * from "./kolada.ts";
export * from "./suppress.ts";
export type { Period, DateLike } from "./util.ts";
export type { ParticipantKey } from "./enrolments.ts";
export { yearToDate, type YearToDate } from "./period.ts";
export * from "./agreement.ts";
export { monthsBetween, yearsBetween, periodicCounts, periodicTable, PERIODIC_COUNTS, type LabelledPeriod, type PeriodicCount } from "./periodic.ts";
