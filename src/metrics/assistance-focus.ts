/**
 * The focus groups of Västerås 002 §74 among recipients of financial assistance, each with the
 * share who have an activity, and providers compared on outcomes for those recipients.
 *
 * Recipients are the unique persons of the assistance table with a payment month overlapping the
 * period. A recipient *has an activity* when an enrolment of the same pseudonym (in `programmes`,
 * default all) overlaps one of their payment months in the period (the rule of `offerRate`).
 *
 * Focus groups (a recipient may be in several; membership is per person over the period):
 * - `under30`: aged under 30 at `refDate` (year − birth year). Birth year from the assistance
 *   table's `birthYear` column when it has one, else from the participants table;
 * - `parentsUnder18`: parent of children under 18 in the household. From the assistance table's
 *   `childrenUnder18` column when it has one, else its `household` type (a type containing
 *   "med barn" = yes, "utan barn" = no; Socialstyrelsen's household types count children under 18),
 *   else the participants' `childrenUnder18` flag;
 * - `foreignBornAcademic`: foreign-born with a completed academic degree. From the assistance
 *   table's `foreignBorn` and `academicDegree` columns when it has both, else the participants'
 *   flags (both true in any of the person's enrolments).
 * A recipient about whom neither table says anything is counted in `unknown`, not in the group.
 */
import type { ColumnTable, DateLike, Period } from "./util.ts";
import { ageAt, monthMs, periodMs, ratio, toMs, toTable } from "./util.ts";
import { coded, flags, hasColumn, numbers, personIdsIn, type Coded, type Flags } from "./columns.ts";
import { GENDER_PARTS } from "./gender.ts";
import { personGenderCodes } from "./grouping.ts";
import { readEnrolments } from "./enrolments.ts";
import { personBirthYears } from "./groups.ts";
import { enrolmentSpans, hasSpan } from "./assistance.ts";
import { outcomesOf, type OutcomeOptions } from "./outcomes.ts";

export type FocusGroup = "under30" | "parentsUnder18" | "foreignBornAcademic";
export const FOCUS_GROUPS: readonly FocusGroup[] = ["under30", "parentsUnder18", "foreignBornAcademic"];

export interface FocusGroupOptions {
  period: Period;
  /** Date for ages (default: the last day of the period). */
  refDate?: DateLike;
  /** Only enrolments in these programme codes count as an activity (default: all). */
  programmes?: readonly string[];
  genderSplit?: boolean;
}

/** Per person id of the shared id space: recipient in the period, with an activity, and the gender. */
interface Recipients {
  count: number;
  recipient: Uint8Array;
  active: Uint8Array;
  gender: Uint8Array;
}

function recipientsOf(assistance: ColumnTable, participants: ColumnTable, period: Period, programmes?: readonly string[]): Recipients & { ids: Int32Array; months: Coded; first: Float64Array; last: Float64Array; inPeriod: Uint8Array } {
  const [from, to] = periodMs(period);
  const e = readEnrolments(participants);
  const spans = enrolmentSpans(e, programmes);
  const ids = personIdsIn(assistance, { ids: e.pid, count: e.persons, values: e.personValues });
  const months = coded(assistance, "month");
  const first = new Float64Array(months.values.length);
  const last = new Float64Array(months.values.length);
  const inPeriod = new Uint8Array(months.values.length);
  months.values.forEach((m, j) => {
    [first[j], last[j]] = monthMs(m);
    inPeriod[j] = last[j] >= from && first[j] <= to ? 1 : 0;
  });
  const recipient = new Uint8Array(ids.count);
  const active = new Uint8Array(ids.count);
  for (let i = 0; i < ids.ids.length; i++) {
    const p = ids.ids[i];
    const m = months.codes[i];
    if (p < 0 || m < 0 || !inPeriod[m]) continue;
    recipient[p] = 1;
    if (!active[p] && hasSpan(spans, p, first[m], last[m])) active[p] = 1;
  }
  const gender = personGenderCodes(ids.ids, ids.count, coded(assistance, "gender"));
  return { count: ids.count, recipient, active, gender, ids: ids.ids, months, first, last, inPeriod };
}

/** −1 unknown, 0 no, 1 yes. */
type Tri = Int8Array;

/**
 * Recipients of financial assistance per focus group and gender, with the share who have an
 * activity (see the module doc for every definition).
 * @param assistance `person`, `gender`, `month`; optional `birthYear`, `household`,
 *   `childrenUnder18`, `foreignBorn`, `academicDegree`.
 * @param participants enrolments (activities, and the focus-group attributes the assistance
 *   table lacks).
 * @returns columns: `focusGroup` (`under30`, `parentsUnder18`, `foreignBornAcademic`, in that
 *   order), `gender` (K, M, X, T; T = K + M + X), `recipients` (all recipients in the period),
 *   `inGroup`, `unknown` (recipients whose membership neither table tells), `withActivity` (in
 *   the group with an activity), `shareWithActivity` = withActivity / inGroup (null when 0),
 *   `shareOfRecipients` = inGroup / recipients. No rows when there are no recipients.
 * @example assistanceFocusGroups(bistand, deltagare, { period: { from: "2023-01", to: "2023-06" } })
 */
export function assistanceFocusGroups(assistance: ColumnTable, participants: ColumnTable, opts: FocusGroupOptions): ColumnTable {
  const r = recipientsOf(assistance, participants, opts.period, opts.programmes);
  const ref = opts.refDate === undefined ? periodMs(opts.period)[1] : toMs(opts.refDate);
  const e = readEnrolments(participants);
  const n = r.count;
  const member: Tri[] = FOCUS_GROUPS.map(() => new Int8Array(n).fill(-1));
  const [under30, parents, fba] = member;

  // ages: the assistance table's birth year first, then the participants'
  const years = new Float64Array(n).fill(NaN);
  const fromParticipants = personBirthYears(e);
  years.set(fromParticipants.subarray(0, Math.min(n, fromParticipants.length)));
  if (hasColumn(assistance, "birthYear")) {
    const by = numbers(assistance, "birthYear");
    for (let i = 0; i < r.ids.length; i++) if (r.ids[i] >= 0 && by[i] === by[i]) years[r.ids[i]] = by[i];
  }
  for (let p = 0; p < n; p++) if (years[p] === years[p]) under30[p] = ageAt(years[p], ref) < 30 ? 1 : 0;

  // participants' flags (any enrolment true → yes; only false values → no)
  const fromFlags = (f: Flags, out: Tri) => {
    for (let i = 0; i < e.n; i++) {
      const p = e.pid[i];
      if (p < 0) continue;
      const v = f.truth[i];
      if (v === 1) out[p] = 1;
      else if (v === 0 && out[p] < 0) out[p] = 0;
    }
  };
  fromFlags(e.flags.childrenUnder18, parents);
  const foreign = new Int8Array(n).fill(-1);
  const academic = new Int8Array(n).fill(-1);
  fromFlags(e.flags.foreignBorn, foreign);
  fromFlags(e.flags.academicDegree, academic);

  // the assistance table's own columns win (rows in the period only)
  const rowInPeriod = (i: number) => r.ids[i] >= 0 && r.months.codes[i] >= 0 && r.inPeriod[r.months.codes[i]] === 1;
  const overrideFrom = (f: Flags, out: Tri, seen: Uint8Array) => {
    for (let i = 0; i < r.ids.length; i++) {
      if (!rowInPeriod(i)) continue;
      const p = r.ids[i];
      const v = f.truth[i];
      if (v < 0) continue;
      if (!seen[p]) {
        seen[p] = 1;
        out[p] = 0;
      }
      if (v === 1) out[p] = 1;
    }
  };
  if (hasColumn(assistance, "childrenUnder18")) overrideFrom(flags(assistance, "childrenUnder18"), parents, new Uint8Array(n));
  else if (hasColumn(assistance, "household")) {
    const h = coded(assistance, "household");
    const kind = h.values.map((v) => (/med barn/i.test(v) ? 1 : /utan barn/i.test(v) ? 0 : -1));
    const seen = new Uint8Array(n);
    for (let i = 0; i < r.ids.length; i++) {
      if (!rowInPeriod(i) || h.codes[i] < 0) continue;
      const k = kind[h.codes[i]];
      if (k < 0) continue;
      const p = r.ids[i];
      if (!seen[p]) {
        seen[p] = 1;
        parents[p] = 0;
      }
      if (k === 1) parents[p] = 1;
    }
  }
  if (hasColumn(assistance, "foreignBorn") && hasColumn(assistance, "academicDegree")) {
    overrideFrom(flags(assistance, "foreignBorn"), foreign, new Uint8Array(n));
    overrideFrom(flags(assistance, "academicDegree"), academic, new Uint8Array(n));
  }
  for (let p = 0; p < n; p++) {
    fba[p] = foreign[p] === 1 && academic[p] === 1 ? 1 : foreign[p] === 0 || academic[p] === 0 ? 0 : -1;
  }

  const rows: Record<string, unknown>[] = [];
  let anyRecipient = false;
  for (let p = 0; p < n && !anyRecipient; p++) anyRecipient = r.recipient[p] === 1;
  if (anyRecipient) {
    FOCUS_GROUPS.forEach((fg, f) => {
      const c = { recipients: [0, 0, 0], inGroup: [0, 0, 0], unknown: [0, 0, 0], withActivity: [0, 0, 0] };
      const m = member[f];
      for (let p = 0; p < n; p++) {
        if (!r.recipient[p]) continue;
        const g = r.gender[p];
        c.recipients[g]++;
        if (m[p] < 0) c.unknown[g]++;
        else if (m[p] === 1) {
          c.inGroup[g]++;
          if (r.active[p]) c.withActivity[g]++;
        }
      }
      const genders = opts.genderSplit === false ? [3] : [0, 1, 2, 3];
      for (const gi of genders) {
        const v = (a: number[]) => (gi === 3 ? a[0] + a[1] + a[2] : a[gi]);
        rows.push({
          focusGroup: fg,
          gender: gi === 3 ? "T" : GENDER_PARTS[gi],
          recipients: v(c.recipients),
          inGroup: v(c.inGroup),
          unknown: v(c.unknown),
          withActivity: v(c.withActivity),
          shareWithActivity: ratio(v(c.withActivity), v(c.inGroup)),
          shareOfRecipients: ratio(v(c.inGroup), v(c.recipients)),
        });
      }
    });
  }
  return toTable(rows, ["focusGroup", "gender", "recipients", "inGroup", "unknown", "withActivity", "shareWithActivity", "shareOfRecipients"]);
}

/**
 * Providers compared on outcomes for recipients of financial assistance: {@link programmeOutcomes}
 * by `provider` (participants, ended, work or studies as U40455, …) over the persons who received
 * assistance in the period (everyone when `assistance` is null).
 * @param opts the outcome period (`from`, `to`), `refDate`, `genderSplit`; grouped by provider.
 * @returns the columns of `programmeOutcomes` with `by: ["provider"]`.
 * @example providerOutcomes(deltagare, bistand, { from: "2023-01-01", to: "2023-06-30", refDate: "2023-06-30" })
 */
export function providerOutcomes(
  participants: ColumnTable,
  assistance: ColumnTable | null,
  opts: Omit<OutcomeOptions, "by" | "programmes">,
): ColumnTable {
  const outcomeOpts: OutcomeOptions = { ...opts, by: ["provider"] };
  if (assistance === null) return outcomesOf(participants, outcomeOpts, null);
  const r = recipientsOf(assistance, participants, { from: opts.from, to: opts.to });
  return outcomesOf(participants, outcomeOpts, r.recipient);
}
