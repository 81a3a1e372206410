/**
 * The relations between the measures of the library's metric tables, for `r.publishable`'s
 * `sums`: what an attacker knows from the definitions alone.
 */
import type { PersonTableSpec } from "./register.ts";

type Sums = NonNullable<PersonTableSpec["sums"]>;

/** `programmeOutcomes`: ended = A + B + C + D + E; work or studies is a subset of ended. */
export const OUTCOME_SUMS: Sums = [
  { total: "ended", parts: ["endedA", "endedB", "endedC", "endedD", "endedE"] },
  { total: "ended", parts: ["workOrStudies"] },
];

/** `goalProgressTable`: covered = employed + internship + other; fixed-term jobs are employments. */
export const GOAL_STATUS_SUMS: Sums = [
  { total: "covered", parts: ["employed", "internship", "other"] },
  { total: "employed", parts: ["fixedTerm"] },
];

/** `offerRate`: recipients with a programme are recipients. */
export const OFFER_SUMS: Sums = [{ total: "recipients", parts: ["withProgramme"] }];

/** `attendanceRate`: those meeting the requirement are participants. */
export const ATTENDANCE_SUMS: Sums = [{ total: "participants", parts: ["meetingRequirement"] }];

/** `continuedEmployment`: continued employments are ended ones. */
export const CONTINUED_SUMS: Sums = [{ total: "ended", parts: ["continued"] }];
