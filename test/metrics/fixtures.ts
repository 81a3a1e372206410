/** Row-level test data shaped as the loaders produce it (data/README.md). */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { Rng } from "../../data/generate/rng.ts";

export const d = (s: string): number => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));

/** Deterministic PRNG: the sample generator's (data/generate/rng.ts). */
export function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

export interface Enrolment {
  person: string;
  gender?: string | null;
  birthYear?: number;
  programme: string;
  provider?: string | null;
  unit?: string | null;
  decisionDate?: string | null;
  start: string;
  end?: string | null;
  endReason?: string | null;
  endDetail?: string | null;
  employmentForm?: string | null;
  disability?: boolean | null;
  financialAssistance?: boolean | null;
  foreignBorn?: boolean | null;
  academicDegree?: boolean | null;
  childrenUnder18?: boolean | null;
}

const dateOrNaN = (s: string | null | undefined) => (s ? d(s) : NaN);

/** A participants table with every column of the data dictionary, typed as loaded. */
export function participantsTable(rows: Enrolment[]): ColumnTable {
  const f64 = (f: (r: Enrolment) => number) => Float64Array.from(rows.map(f));
  const str = (f: (r: Enrolment) => string | null | undefined) => rows.map((r) => f(r) ?? null);
  const bool = (f: (r: Enrolment) => boolean | null | undefined) => rows.map((r) => f(r) ?? null);
  return aq.table({
    person: str((r) => r.person),
    gender: str((r) => r.gender),
    birthYear: f64((r) => r.birthYear ?? NaN),
    programme: str((r) => r.programme),
    provider: str((r) => r.provider),
    unit: str((r) => r.unit),
    decisionDate: f64((r) => dateOrNaN(r.decisionDate)),
    start: f64((r) => d(r.start)),
    end: f64((r) => dateOrNaN(r.end)),
    endReason: str((r) => r.endReason),
    endDetail: str((r) => r.endDetail),
    employmentForm: str((r) => r.employmentForm),
    referrer: str(() => null),
    disability: bool((r) => r.disability),
    financialAssistance: bool((r) => r.financialAssistance),
    foreignBorn: bool((r) => r.foreignBorn),
    academicDegree: bool((r) => r.academicDegree),
    childrenUnder18: bool((r) => r.childrenUnder18),
  });
}

export const pid = (prefix: string, i: number) => `p${prefix}${String(i).padStart(14, "0")}`;

/** Add `days` to a "YYYY-MM-DD" date. */
export function addDays(s: string, days: number): string {
  return new Date(d(s) + days * 86_400_000).toISOString().slice(0, 10);
}

/** All row objects sorted by their JSON, for order-independent comparison. */
export function sortedObjects(t: ColumnTable): string[] {
  return (t.objects() as object[]).map((o) => JSON.stringify(o)).sort();
}
