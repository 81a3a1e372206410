/**
 * The fictional municipality behind the sample files: its programme catalogue, the persons and
 * their enrolments (2021-01-01 to the export date 2024-04-30). Everything here is drawn from a
 * seeded Rng; the file writers only format what this module decides.
 */
import { dayOf, monthOfDay, weekday, type PnrFormat } from "./format.ts";
import type { Rng } from "./rng.ts";

export const MUNICIPALITY = { id: "9999", name: "Exempelby kommun", short: "Exempelby" };
/** First day an exported enrolment can touch, and the export date. */
export const FIRST_DAY = dayOf(2021, 1, 1);
export const EXPORT_DAY = dayOf(2024, 4, 30);
/** Starts are simulated from here so that 2021 begins with programmes already running. */
const SIM_START = dayOf(2018, 7, 1);

export type EndReason = "A" | "B" | "C" | "D" | "E";
export type Form = "tillsvidare" | "visstid" | "lonebidrag" | "resursjobb" | "valfardsjobb" | "praktik" | "arbetstraning" | "studier" | "ingen";

export interface Programme {
  code: string;
  name: string;
  description: string;
  purpose: string;
  targetGroup: string;
  places: number;
  /** Providers of enrolments (the first is the catalogue's). */
  providers: Record<string, number>;
  unit: string;
  annualCostKr: number;
  validFrom: number;
  validTo: number | null;
  /** Duration in months: minimum, maximum (drawn triangular around the middle). */
  months: [number, number];
  ages: [number, number];
  disability: number;
  foreignBorn: number;
  women: number;
  /** Form while enrolled. */
  forms: Partial<Record<Form, number>>;
  reasons: Record<EndReason, number>;
  /** Forms taken when ending with reason A. */
  workForms: Partial<Record<Form, number>>;
  referrers: Record<string, number>;
  /** Scheduled hours in a full month (0: no attendance reporting). */
  hoursPerMonth: number;
}

const GENERAL_WORK: Partial<Record<Form, number>> = { visstid: 0.5, tillsvidare: 0.15, lonebidrag: 0.12, resursjobb: 0.14, valfardsjobb: 0.09 };

export const PROGRAMMES: readonly Programme[] = [
  {
    code: "JOBBSP", name: "Jobbspåret", description: "Intensiv jobbsökning med coach i grupp och enskilt", purpose: "Anställning inom sex månader",
    targetGroup: "Arbetssökande 18–64 år nära arbetsmarknaden", places: 80, providers: { "AME Egen regi": 1 }, unit: "Arbetsmarknadsenheten",
    annualCostKr: 4_200_000, validFrom: dayOf(2019, 1, 1), validTo: null, months: [2, 9], ages: [18, 64], disability: 0.08, foreignBorn: 0.4, women: 0.46,
    forms: { ingen: 0.55, praktik: 0.35, visstid: 0.1 }, reasons: { A: 0.42, B: 0.1, C: 0.14, D: 0.2, E: 0.14 }, workForms: GENERAL_WORK,
    referrers: { "Försörjningsstöd": 0.55, "Arbetsförmedlingen": 0.4, "Egen ansökan": 0.05 }, hoursPerMonth: 60,
  },
  {
    code: "IPS", name: "IPS – individuellt stöd", description: "Individual Placement and Support: arbetsspecialist stödjer brukaren att hitta och behålla arbete", purpose: "Arbete på den öppna arbetsmarknaden",
    targetGroup: "Personer med psykisk eller fysisk funktionsnedsättning", places: 100, providers: { "AME Egen regi": 1 }, unit: "IPS-enheten",
    annualCostKr: 18_400_000, validFrom: dayOf(2019, 1, 1), validTo: null, months: [6, 36], ages: [18, 64], disability: 0.95, foreignBorn: 0.18, women: 0.48,
    forms: { visstid: 0.2, tillsvidare: 0.14, lonebidrag: 0.27, praktik: 0.36, ingen: 0.03 }, reasons: { A: 0.38, B: 0.08, C: 0.18, D: 0.12, E: 0.24 },
    workForms: { visstid: 0.45, tillsvidare: 0.25, lonebidrag: 0.3 }, referrers: { "Psykiatrin": 0.35, "LSS": 0.3, "Socialpsykiatrin": 0.25, "Arbetsförmedlingen": 0.1 }, hoursPerMonth: 0,
  },
  {
    code: "RESURSJOBB", name: "Resursjobb", description: "Tidsbegränsad anställning i kommunens förvaltningar med handledare", purpose: "Arbetslivserfarenhet och fortsatt anställning",
    targetGroup: "Långtidsarbetslösa och personer med funktionsnedsättning", places: 120, providers: { "AME Egen regi": 1 }, unit: "Arbetsmarknadsenheten",
    annualCostKr: 31_500_000, validFrom: dayOf(2018, 1, 1), validTo: null, months: [6, 12], ages: [20, 66], disability: 0.35, foreignBorn: 0.45, women: 0.5,
    forms: { resursjobb: 1 }, reasons: { A: 0.36, B: 0.06, C: 0.1, D: 0.38, E: 0.1 }, workForms: { visstid: 0.6, tillsvidare: 0.4 },
    referrers: { "Försörjningsstöd": 0.6, "Arbetsförmedlingen": 0.3, "LSS": 0.1 }, hoursPerMonth: 0,
  },
  {
    code: "VERKSTAN", name: "Arbetsträning Verkstan", description: 'Arbetsträning i snickeri, tvätteri och vaktmästeri; "riktiga" uppdrag åt kommunen', purpose: "Arbetsförmåga och rutiner inför arbete eller studier",
    targetGroup: "Personer långt från arbetsmarknaden", places: 45, providers: { "AME Egen regi": 1 }, unit: "Jobbcenter – Verkstan",
    annualCostKr: 5_850_000, validFrom: dayOf(2017, 1, 1), validTo: null, months: [3, 12], ages: [18, 66], disability: 0.3, foreignBorn: 0.45, women: 0.38,
    forms: { arbetstraning: 1 }, reasons: { A: 0.18, B: 0.12, C: 0.2, D: 0.32, E: 0.18 }, workForms: GENERAL_WORK,
    referrers: { "Försörjningsstöd": 0.7, "Arbetsförmedlingen": 0.2, "Socialpsykiatrin": 0.1 }, hoursPerMonth: 120,
  },
  {
    code: "PRAKTIK", name: "Praktik i kommunen", description: "Praktikplats i kommunens verksamheter", purpose: "Arbetslivserfarenhet och referenser",
    targetGroup: "Arbetssökande med försörjningsstöd", places: 60, providers: { "Kompetensbyrån": 0.6, "AME Egen regi": 0.4 }, unit: "Arbetsmarknadsenheten",
    annualCostKr: 2_160_000, validFrom: dayOf(2019, 1, 1), validTo: null, months: [2, 6], ages: [18, 66], disability: 0.1, foreignBorn: 0.5, women: 0.5,
    forms: { praktik: 1 }, reasons: { A: 0.3, B: 0.12, C: 0.12, D: 0.32, E: 0.14 }, workForms: GENERAL_WORK,
    referrers: { "Försörjningsstöd": 0.75, "Arbetsförmedlingen": 0.25 }, hoursPerMonth: 100,
  },
  {
    code: "VALFARDSJOBB", name: "Välfärdsjobb", description: "Anställning i välfärden med lönestöd", purpose: "Arbetslivserfarenhet och fortsatt anställning",
    targetGroup: "Arbetssökande med försörjningsstöd", places: 50, providers: { "AME Egen regi": 1 }, unit: "Arbetsmarknadsenheten",
    annualCostKr: 14_750_000, validFrom: dayOf(2020, 1, 1), validTo: null, months: [6, 12], ages: [20, 64], disability: 0.1, foreignBorn: 0.55, women: 0.56,
    forms: { valfardsjobb: 1 }, reasons: { A: 0.34, B: 0.1, C: 0.08, D: 0.38, E: 0.1 }, workForms: { visstid: 0.65, tillsvidare: 0.35 },
    referrers: { "Försörjningsstöd": 0.85, "Arbetsförmedlingen": 0.15 }, hoursPerMonth: 0,
  },
  {
    code: "UNGFRAMTID", name: "Ung Framtid (under 30)", description: "Coachning, praktik och studievägledning för unga", purpose: "Arbete eller studier",
    targetGroup: "Unga 18–29 år", places: 70, providers: { "Lärande AB": 0.65, "Kompetensbyrån": 0.35 }, unit: "Ungdomsteamet",
    annualCostKr: 4_900_000, validFrom: dayOf(2019, 8, 1), validTo: null, months: [3, 9], ages: [18, 29], disability: 0.12, foreignBorn: 0.3, women: 0.44,
    forms: { praktik: 0.4, studier: 0.25, ingen: 0.35 }, reasons: { A: 0.3, B: 0.32, C: 0.1, D: 0.14, E: 0.14 }, workForms: GENERAL_WORK,
    referrers: { "Försörjningsstöd": 0.5, "Arbetsförmedlingen": 0.3, "Kommunala aktivitetsansvaret": 0.2 }, hoursPerMonth: 80,
  },
  {
    code: "SPRAKPRAKTIK", name: "Språkpraktik", description: "Praktik kombinerad med svenska för invandrare", purpose: "Svenska i arbetslivet och vidare till arbete",
    targetGroup: "Utrikesfödda med försörjningsstöd", places: 60, providers: { "Lärande AB": 0.55, "Jobb & Kunskap": 0.45 }, unit: "Arbetsmarknadsenheten",
    annualCostKr: 3_300_000, validFrom: dayOf(2018, 1, 1), validTo: null, months: [3, 9], ages: [18, 64], disability: 0.05, foreignBorn: 1, women: 0.55,
    forms: { praktik: 1 }, reasons: { A: 0.26, B: 0.2, C: 0.1, D: 0.3, E: 0.14 }, workForms: GENERAL_WORK,
    referrers: { "Försörjningsstöd": 0.8, "Arbetsförmedlingen": 0.2 }, hoursPerMonth: 80,
  },
  {
    code: "STUDIEMOT", name: "Studiemotivation", description: "Kurs som förbereder för studier på Komvux eller folkhögskola", purpose: "Påbörjade studier",
    targetGroup: "Arbetssökande utan fullständig gymnasieutbildning", places: 40, providers: { "Kompetensbyrån": 1 }, unit: "Ungdomsteamet",
    annualCostKr: 1_450_000, validFrom: dayOf(2022, 3, 1), validTo: dayOf(2024, 6, 30), months: [2, 5], ages: [18, 50], disability: 0.1, foreignBorn: 0.35, women: 0.52,
    forms: { studier: 0.4, ingen: 0.6 }, reasons: { A: 0.12, B: 0.48, C: 0.08, D: 0.2, E: 0.12 }, workForms: GENERAL_WORK,
    referrers: { "Försörjningsstöd": 0.6, "Arbetsförmedlingen": 0.25, "Kommunala aktivitetsansvaret": 0.15 }, hoursPerMonth: 40,
  },
  {
    code: "AIR", name: "Arbetsinriktad rehabilitering", description: "Arbetsinriktad rehabilitering och stöd enligt överenskommelse med omsorgsnämnden", purpose: "Egen försörjning genom arbete eller studier",
    targetGroup: "Personer 18–30 år med funktionsnedsättning", places: 60, providers: { "Jobb & Kunskap": 1 }, unit: "Arbetsmarknadsenheten",
    annualCostKr: 1_694_000, validFrom: dayOf(2018, 1, 1), validTo: null, months: [6, 18], ages: [18, 30], disability: 1, foreignBorn: 0.15, women: 0.52,
    forms: { arbetstraning: 0.6, praktik: 0.3, lonebidrag: 0.1 }, reasons: { A: 0.22, B: 0.2, C: 0.22, D: 0.22, E: 0.14 }, workForms: { visstid: 0.4, lonebidrag: 0.45, tillsvidare: 0.15 },
    referrers: { "LSS": 0.45, "Psykiatrin": 0.3, "Försäkringskassan": 0.1, "Arbetsförmedlingen": 0.15 }, hoursPerMonth: 64,
  },
];

export interface Person {
  idx: number;
  birthDay: number;
  serial3: string;
  /** `K`, `M`, `Annat` or "" (unknown); the identity number's gender digit matches K/M. */
  gender: string;
  pnrGender: "K" | "M";
  disability: boolean | null;
  foreignBorn: boolean | null;
  academicDegree: boolean | null;
  childrenUnder18: boolean | null;
  financialAssistance: boolean;
  /** Attendance share 0.55–1. */
  diligence: number;
  household: string;
}

export interface Enrolment {
  programme: Programme;
  person: Person;
  provider: string;
  decision: number | null;
  start: number;
  /** Null when ongoing at the export date. */
  end: number | null;
  plannedEnd: number;
  reason: EndReason | null;
  detail: string;
  form: Form;
  referrer: string;
}

export interface World {
  persons: Person[];
  enrolments: Enrolment[];
  scale: number;
}

const AGE_BANDS: Record<string, number> = { "18-24": 0.22, "25-34": 0.27, "35-44": 0.2, "45-54": 0.15, "55-59": 0.08, "60-66": 0.08 };

function drawAge(rng: Rng, lo: number, hi: number): number {
  for (let tries = 0; tries < 50; tries++) {
    const [a, b] = rng.weighted(AGE_BANDS).split("-").map(Number);
    const age = rng.int(a, b);
    if (age >= lo && age <= hi) return age;
  }
  return rng.int(lo, hi);
}

const HOUSEHOLDS = { "Ensamstående utan barn": 0.52, "Ensamstående med barn": 0.2, "Sammanboende utan barn": 0.1, "Sammanboende med barn": 0.18 };

/** Unique identity numbers: a set of YYYYMMDD+serial keys. */
export class PnrPool {
  private readonly used = new Set<string>();
  take(rng: Rng, birthDay: number, gender: "K" | "M"): string {
    for (;;) {
      const odd = gender === "M";
      const last = rng.int(0, 4) * 2 + (odd ? 1 : 0);
      const serial3 = String(rng.int(0, 99)).padStart(2, "0") + last;
      const key = birthDay + ":" + serial3;
      if (!this.used.has(key)) {
        this.used.add(key);
        return serial3;
      }
    }
  }
}

export function newPerson(rng: Rng, pool: PnrPool, idx: number, ageAt: number, atDay: number, p: Pick<Programme, "women" | "disability" | "foreignBorn">, fa: number): Person {
  const yearsDays = Math.floor(ageAt * 365.25);
  const birthDay = atDay - yearsDays - rng.int(0, 364);
  const r = rng.next();
  const gender = r < 0.004 ? "Annat" : r < 0.009 ? "" : rng.chance(p.women) ? "K" : "M";
  const pnrGender: "K" | "M" = gender === "K" || gender === "M" ? gender : rng.chance(0.5) ? "K" : "M";
  const serial3 = pool.take(rng, birthDay, pnrGender);
  const unknown = () => rng.chance(0.02);
  const foreignBorn = unknown() ? null : rng.chance(p.foreignBorn);
  const academic = unknown() ? null : rng.chance(foreignBorn ? 0.22 : 0.09);
  const parentAge = ageAt >= 22 && ageAt <= 55;
  return {
    idx, birthDay, serial3, gender, pnrGender,
    disability: unknown() ? null : rng.chance(p.disability),
    foreignBorn,
    academicDegree: academic,
    childrenUnder18: unknown() ? null : rng.chance(parentAge ? 0.38 : 0.06),
    financialAssistance: rng.chance(fa),
    diligence: 0.55 + 0.45 * rng.next() * (0.6 + 0.4 * rng.next()) + 0.0,
    household: rng.weighted(HOUSEHOLDS),
  };
}

export function ageAt(person: Person, day: number): number {
  return Math.floor((day - person.birthDay) / 365.25);
}

/** Next weekday on or after `day`. */
function weekdayOnOrAfter(day: number): number {
  let d = day;
  while (weekday(d) === 0 || weekday(d) === 6) d++;
  return d;
}

interface Skeleton {
  programme: Programme;
  start: number;
  plannedEnd: number;
  tie: number;
}

/** Share of people in a programme who receive financial assistance (drives the flag). */
function faShare(p: Programme): number {
  return (p.referrers["Försörjningsstöd"] ?? 0) + 0.1;
}

export function buildWorld(rootRng: Rng, scale: number): World {
  const rng = rootRng.fork("enrolments");
  const skeletons: Skeleton[] = [];
  // Starts per month per programme, so that occupancy stays near places × utilisation.
  for (const p of PROGRAMMES) {
    const util = 0.9;
    const meanMonths = (p.months[0] + p.months[1]) / 2;
    const perMonth = (p.places * scale * util) / meanMonths;
    const from = Math.max(SIM_START, p.validFrom);
    for (let mi = monthOfDay(from); ; mi++) {
      const first = dayOf(Math.floor(mi / 12), (mi % 12) + 1, 1);
      if (first > EXPORT_DAY) break;
      if (p.validTo !== null && first > p.validTo) break;
      const month = (mi % 12) + 1;
      const season = month === 7 ? 0.35 : month === 8 ? 1.5 : month === 1 ? 1.25 : month === 12 ? 0.6 : 1;
      const n = rng.count(perMonth * season, 0.2);
      for (let k = 0; k < n; k++) {
        const start = weekdayOnOrAfter(first + rng.int(0, 27));
        if (start > EXPORT_DAY) continue;
        const span = p.months[1] - p.months[0];
        const months = p.months[0] + span * ((rng.next() + rng.next()) / 2);
        const plannedEnd = start + Math.round(months * 30.44);
        skeletons.push({ programme: p, start, plannedEnd, tie: rng.u32() });
      }
    }
  }
  const kept = skeletons.filter((s) => s.plannedEnd >= FIRST_DAY || s.start >= FIRST_DAY);
  kept.sort((a, b) => a.start - b.start || a.tie - b.tie);

  const prng = rootRng.fork("persons");
  const pool = new PnrPool();
  const persons: Person[] = [];
  const busy = new Map<Person, Map<string, number>>();
  const enrolments: Enrolment[] = [];
  const erng = rootRng.fork("outcomes");
  for (const s of kept) {
    const p = s.programme;
    let person: Person | null = null;
    if (persons.length > 20 && prng.chance(0.24)) {
      for (let tries = 0; tries < 6 && person === null; tries++) {
        const cand = persons[Math.max(0, persons.length - 1 - prng.int(0, Math.min(persons.length - 1, Math.round(1500 * scale) + 50)))];
        const age = ageAt(cand, s.start);
        if (age < p.ages[0] || age > p.ages[1]) continue;
        if (p.disability >= 0.9 && cand.disability !== true) continue;
        if (p.foreignBorn >= 0.9 && cand.foreignBorn !== true) continue;
        const until = busy.get(cand)?.get(p.code);
        if (until !== undefined && until >= s.start) continue;
        person = cand;
      }
    }
    if (person === null) {
      person = newPerson(prng, pool, persons.length, drawAge(prng, p.ages[0], p.ages[1]), s.start, p, faShare(p));
      persons.push(person);
    }
    let b = busy.get(person);
    if (!b) busy.set(person, (b = new Map()));
    b.set(p.code, s.plannedEnd);

    const ended = s.plannedEnd <= EXPORT_DAY;
    let reason: EndReason | null = null;
    let detail = "";
    let form: Form = erng.weighted(p.forms as Record<Form, number>);
    if (ended) {
      reason = erng.weighted(p.reasons);
      const ageEnd = ageAt(person, s.plannedEnd);
      if (reason === "A") form = erng.weighted(p.workForms as Record<Form, number>);
      else if (reason === "B") form = "studier";
      else if (reason === "C") detail = erng.weighted({ "Arbetsförmedlingen": 0.55, "Försäkringskassan": 0.3, "Regionen": 0.15 });
      else if (reason === "E") {
        if (ageEnd >= 62 && erng.chance(0.7)) detail = "pension";
        else detail = erng.weighted({ flytt: 0.3, sjukdom: 0.32, föräldraledighet: 0.13, "avbrott": 0.15, "": 0.1 });
      }
    }
    const fa = person.financialAssistance;
    const referrer = fa && erng.chance(0.85) ? "Försörjningsstöd" : erng.weighted(p.referrers);
    const decision = erng.chance(0.03) ? null : s.start - erng.int(3, 28);
    enrolments.push({
      programme: p, person, provider: erng.weighted(p.providers), decision, start: s.start,
      end: ended ? s.plannedEnd : null, plannedEnd: s.plannedEnd, reason, detail, form, referrer,
    });
  }
  return { persons, enrolments, scale };
}

/** The identity-number format of one row: mostly `YYYYMMDD-NNNN`, some `YYMMDD-NNNN`, a few without dash. */
export function drawPnrFormat(rng: Rng): PnrFormat {
  const r = rng.next();
  return r < 0.8 ? "long" : r < 0.95 ? "short" : "plain";
}
