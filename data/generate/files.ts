/** One writer per sample file. Each takes the world (or the rng) and writes through a Sink. */
import path from "node:path";
import {
  compactDate, csvLine, dayOf, firstDayOfMonth, formatPnr, isoDate, kronor, lastDayOfMonth, MINUS, monthIndex, monthOfDay, monthStr, NBSP, ore, tenths, ymdOf,
} from "./format.ts";
import { drawPnrFormat, EXPORT_DAY, MUNICIPALITY, newPerson, PnrPool, PROGRAMMES, type Enrolment, type Person, type World } from "./model.ts";
import type { Rng } from "./rng.ts";
import { Sink, type SinkEncoding } from "./sink.ts";

export interface FileSpec {
  file: string;
  kind: string;
  encoding: SinkEncoding;
  delimiter: ";" | ",";
  eol: "\n" | "\r\n";
}

/** The sample files, as in the table "The sample files" of data/README.md. */
export const SAMPLE_FILES: readonly FileSpec[] = [
  { file: "deltagare.csv", kind: "participants", encoding: "windows-1252", delimiter: ";", eol: "\r\n" },
  { file: "insatser.csv", kind: "programmes", encoding: "utf-8-bom", delimiter: ";", eol: "\n" },
  { file: "huvudbok.csv", kind: "ledger", encoding: "utf-8-bom", delimiter: ";", eol: "\n" },
  { file: "prognos.csv", kind: "forecasts", encoding: "utf-8", delimiter: ";", eol: "\n" },
  { file: "mal.csv", kind: "targets", encoding: "utf-8", delimiter: ";", eol: "\n" },
  { file: "bemanning.csv", kind: "staffing", encoding: "utf-8", delimiter: ";", eol: "\n" },
  { file: "narvaro.csv", kind: "attendance", encoding: "windows-1252", delimiter: ";", eol: "\n" },
  { file: "ekonomiskt-bistand.csv", kind: "assistance", encoding: "utf-8-bom", delimiter: ";", eol: "\n" },
  { file: "kolada.csv", kind: "kolada", encoding: "utf-8", delimiter: ",", eol: "\n" },
  { file: "efterfragade-platser.csv", kind: "requestedPlaces", encoding: "windows-1252", delimiter: ";", eol: "\r\n" },
];

export interface Context {
  outDir: string;
  rng: Rng;
  world: World;
  /** Filled by the assistance writer, read by the Kolada writer. */
  assistance?: { recipients2023: Map<Person, true> };
}

function open(ctx: Context, spec: FileSpec): Sink {
  return new Sink(path.join(ctx.outDir, spec.file), spec.encoding, spec.eol);
}

const yesNo = (b: boolean | null) => (b === null ? "" : b ? "ja" : "nej");

/** The written form of an employment-form code: mostly the code, sometimes the Swedish name. */
const FORM_NAMES: Record<string, string> = {
  visstid: "Visstidsanställning", tillsvidare: "Tillsvidareanställning", lonebidrag: "Lönebidrag", arbetstraning: "Arbetsträning",
};

export function writeParticipants(ctx: Context, spec: FileSpec): number {
  const rng = ctx.rng.fork("deltagare.csv");
  const s = open(ctx, spec);
  const d = spec.delimiter;
  s.line(`Deltagare i arbetsmarknadsinsatser – ${MUNICIPALITY.name}, uttag ${isoDate(EXPORT_DAY)}`);
  s.line(csvLine(["Personnummer", "Kön", "Födelseår", "Insats", "Utförare", "Enhet", "Beslutsdatum", "Startdatum", "Slutdatum", "Avslutsorsak",
    "Avslutsorsak detalj", "Anställningsform", "Remitterande myndighet", "Funktionsnedsättning", "Ekonomiskt bistånd", "Utrikesfödd",
    "Akademisk examen", "Barn under 18"], d));
  let rows = 0;
  for (const e of ctx.world.enrolments) {
    const p = e.person;
    const form = FORM_NAMES[e.form] !== undefined && rng.chance(0.06) ? FORM_NAMES[e.form] : e.form;
    const decision = e.decision === null ? "" : rng.chance(0.02) ? compactDate(e.decision) : isoDate(e.decision);
    s.line(csvLine([
      formatPnr(p.birthDay, p.serial3, drawPnrFormat(rng)), p.gender, String(ymdOf(p.birthDay).y), e.programme.code, e.provider, e.programme.unit,
      decision, isoDate(e.start), e.end === null ? "" : isoDate(e.end), e.reason ?? "", e.detail, form, e.referrer,
      yesNo(p.disability), yesNo(p.financialAssistance), yesNo(p.foreignBorn), yesNo(p.academicDegree), yesNo(p.childrenUnder18),
    ], d));
    rows++;
  }
  s.line(`Antal rader: ${rows}`);
  s.close();
  return rows;
}

export function writeProgrammes(ctx: Context, spec: FileSpec): number {
  const s = open(ctx, spec);
  const d = spec.delimiter;
  s.line(csvLine(["Kod", "Namn", "Beskrivning", "Syfte", "Målgrupp", "Platser", "Utförare", "Årskostnad", "Giltig från", "Giltig till"], d));
  for (const p of PROGRAMMES) {
    const provider = Object.keys(p.providers)[0];
    const places = Math.max(1, Math.round(p.places * ctx.world.scale));
    s.line(csvLine([p.code, p.name, p.description, p.purpose, p.targetGroup, String(places), provider, kronor(p.annualCostKr),
      isoDate(p.validFrom), p.validTo === null ? "" : isoDate(p.validTo)], d));
  }
  s.close();
  return PROGRAMMES.length;
}

interface LedgerLine {
  unit: string;
  activity: string;
  account: string;
  annualKr: number;
  /** Outcome / budget per month (before noise), Jan..Dec. */
  factor: (month: number) => number;
  noise: number;
}

const flat = (f: number) => () => f;

const LEDGER: readonly LedgerLine[] = [
  { unit: "4500", activity: "adm", account: "5011", annualKr: 9_600_000, factor: flat(0.99), noise: 0.03 },
  { unit: "4500", activity: "adm", account: "5411", annualKr: 3_100_000, factor: flat(0.99), noise: 0.03 },
  { unit: "4500", activity: "adm", account: "6410", annualKr: 1_800_000, factor: flat(1), noise: 0.01 },
  { unit: "4500", activity: "adm", account: "7010", annualKr: 1_200_000, factor: flat(1.05), noise: 0.25 },
  // Financial assistance: the largest cost, clearly under budget this year (fewer households).
  { unit: "4510", activity: "ekbist", account: "4610", annualKr: 186_000_000, factor: (m) => (m <= 4 ? 0.832 : 0.905), noise: 0.02 },
  { unit: "4510", activity: "ekbist", account: "4630", annualKr: 6_400_000, factor: flat(1.02), noise: 0.12 },
  { unit: "4510", activity: "ekbist", account: "5011", annualKr: 38_000_000, factor: flat(0.975), noise: 0.02 },
  { unit: "4510", activity: "ekbist", account: "5411", annualKr: 12_200_000, factor: flat(0.975), noise: 0.02 },
  { unit: "4510", activity: "ekbist", account: "3690", annualKr: 2_400_000, factor: flat(1.04), noise: 0.3 },
  { unit: "4520", activity: "ame", account: "5011", annualKr: 42_000_000, factor: flat(1.005), noise: 0.02 },
  { unit: "4520", activity: "ame", account: "5411", annualKr: 13_500_000, factor: flat(1.005), noise: 0.02 },
  { unit: "4520", activity: "ame", account: "4410", annualKr: 2_100_000, factor: flat(1.08), noise: 0.3 },
  { unit: "4520", activity: "ame", account: "6410", annualKr: 6_200_000, factor: flat(1), noise: 0.01 },
  { unit: "4520", activity: "ame", account: "7010", annualKr: 12_500_000, factor: flat(1.02), noise: 0.1 },
  { unit: "4520", activity: "ame", account: "3010", annualKr: 2_800_000, factor: flat(0.95), noise: 0.2 },
  { unit: "4520", activity: "ame", account: "3410", annualKr: 14_000_000, factor: flat(0.93), noise: 0.06 },
  { unit: "4530", activity: "ips", account: "5011", annualKr: 13_500_000, factor: flat(0.98), noise: 0.03 },
  { unit: "4530", activity: "ips", account: "5411", annualKr: 4_300_000, factor: flat(0.98), noise: 0.03 },
  { unit: "4530", activity: "ips", account: "6410", annualKr: 900_000, factor: flat(1), noise: 0.01 },
  { unit: "4530", activity: "ips", account: "3510", annualKr: 3_200_000, factor: flat(1), noise: 0.15 },
  { unit: "4540", activity: "subsanst", account: "5012", annualKr: 46_000_000, factor: flat(1.01), noise: 0.03 },
  { unit: "4540", activity: "subsanst", account: "5412", annualKr: 14_700_000, factor: flat(1.01), noise: 0.03 },
  { unit: "4540", activity: "subsanst", account: "3410", annualKr: 31_000_000, factor: flat(1.01), noise: 0.05 },
];

/** Forecast deviations (kr, positive = better than budget) made in Feb, Apr and Aug; others 0. */
const FORECAST_DEVIATION: Record<string, [number, number, number]> = {
  "4510/4610": [4_000_000, 15_000_000, 17_500_000],
  "4510/5011": [500_000, 900_000, 1_100_000],
  "4520/3410": [-300_000, -800_000, -1_200_000],
  "4530/5011": [100_000, 300_000, 200_000],
};
export const FORECAST_MONTHS = ["2023-02", "2023-04", "2023-08"] as const;

const isRevenue = (account: string) => account.startsWith("3");

function monthlyBudgetOre(annualKr: number): number[] {
  const total = annualKr * 100;
  const each = Math.floor(total / 12);
  const out = new Array<number>(12).fill(each);
  out[11] = total - each * 11;
  return out;
}

export function writeLedger(ctx: Context, spec: FileSpec): number {
  const rng = ctx.rng.fork("huvudbok.csv");
  const s = open(ctx, spec);
  const d = spec.delimiter;
  const money = (o: number) => ore(o, NBSP, MINUS);
  s.line(csvLine(["Period", "Ansvar", "Verksamhet", "Konto", "Budget", "Utfall"], d));
  let rows = 0;
  for (let m = 1; m <= 12; m++) {
    const period = monthStr(monthIndex(2023, m));
    for (const l of LEDGER) {
      const budget = monthlyBudgetOre(l.annualKr)[m - 1];
      const outcome = Math.round(budget * l.factor(m) * (1 + l.noise * (rng.next() * 2 - 1)));
      s.line(csvLine([period, l.unit, l.activity, l.account, money(budget), money(outcome)], d));
      rows++;
    }
    if (m === 3) {
      // A correction booked in March: no budget (empty cell), a negative outcome with U+2212.
      s.line(csvLine([period, "4520", "ame", "7690", "", money(-1_250_000)], d));
      rows++;
    }
  }
  s.close();
  return rows;
}

export function writeForecasts(ctx: Context, spec: FileSpec): number {
  const s = open(ctx, spec);
  const d = spec.delimiter;
  s.line(csvLine(["Prognosmånad", "Ansvar", "Verksamhet", "Konto", "Helårsprognos"], d));
  let rows = 0;
  FORECAST_MONTHS.forEach((fm, k) => {
    for (const l of LEDGER) {
      const dev = FORECAST_DEVIATION[`${l.unit}/${l.account}`]?.[k] ?? 0;
      const forecast = isRevenue(l.account) ? l.annualKr + dev : l.annualKr - dev;
      s.line(csvLine([fm, l.unit, l.activity, l.account, kronor(forecast)], d));
      rows++;
    }
  });
  s.close();
  return rows;
}

export function writeTargets(ctx: Context, spec: FileSpec): number {
  const s = open(ctx, spec);
  const d = spec.delimiter;
  s.line(csvLine(["Mål", "Mått", "Målvärde", "Från", "Till", "Insats"], d));
  const rows = [
    ["150 jobb", "anstallda", "150", "2023-01-01", "2023-12-31", "IPS"],
    ["Fler i arbete eller studier", "avslut_arbete", "400", "2023-01-01", "2023-12-31", ""],
    ["Deltagare i insatser", "deltagare", kronor(Math.round(1200 * ctx.world.scale)), "2023-01-01", "2023-12-31", ""],
    ["Ung Framtid: unga i arbete eller studier", "avslut_arbete", "60", "2023-01-01", "2023-12-31", "UNGFRAMTID"],
  ];
  for (const r of rows) s.line(csvLine(r, d));
  s.close();
  return rows.length;
}

export function writeStaffing(ctx: Context, spec: FileSpec): number {
  const rng = ctx.rng.fork("bemanning.csv");
  const air = ctx.rng.fork("bemanning.csv/AIR");
  const s = open(ctx, spec);
  const d = spec.delimiter;
  s.line(csvLine(["Månad", "Enhet", "Arbetsspecialister", "Aktiva brukare"], d));
  let rows = 0;
  const first = monthIndex(2021, 1);
  const last = monthOfDay(EXPORT_DAY);
  for (let mi = first; mi <= last; mi++) {
    const t = Math.min(1, (mi - first) / 26); // grows until spring 2023, then steady
    // Specialists in half FTEs (tenths: multiples of 5).
    const ipsSpec = Math.round((17 + 6 * t) * 2 - (rng.chance(0.2) ? 1 : 0)) * 5;
    const ipsClients = Math.round(290 + 90 * t + rng.int(-8, 8));
    const jsSpec = Math.round(5.5 * 2 + (rng.chance(0.3) ? 1 : 0)) * 5;
    const jsClients = Math.round(72 + rng.int(-6, 10));
    s.line(csvLine([monthStr(mi), "IPS", tenths(ipsSpec), String(ipsClients)], d));
    s.line(csvLine([monthStr(mi), "Jobbspåret", tenths(jsSpec), String(jsClients)], d));
    // The agreement's programme (AIR, overenskommelse.ts): its own stream, so the rows above keep their values.
    const airSpec = Math.round(4.5 * 2 + (air.chance(0.3) ? 1 : 0)) * 5;
    const airClients = Math.round(52 + air.int(-5, 8));
    s.line(csvLine([monthStr(mi), "Arbetsinriktad rehabilitering", tenths(airSpec), String(airClients)], d));
    rows += 3;
  }
  s.close();
  return rows;
}

function overlapDays(e: Enrolment, from: number, to: number): number {
  const a = Math.max(e.start, from);
  const b = Math.min(e.end ?? EXPORT_DAY, to);
  return b >= a ? b - a + 1 : 0;
}

export function writeAttendance(ctx: Context, spec: FileSpec): number {
  const rng = ctx.rng.fork("narvaro.csv");
  const s = open(ctx, spec);
  const d = spec.delimiter;
  s.line(csvLine(["Personnummer", "Månad", "Insats", "Utförare", "Schemalagda timmar", "Närvarotimmar"], d));
  let rows = 0;
  for (let m = 1; m <= 12; m++) {
    const mi = monthIndex(2023, m);
    const from = firstDayOfMonth(mi);
    const to = lastDayOfMonth(mi);
    for (const e of ctx.world.enrolments) {
      const full = e.programme.hoursPerMonth;
      if (full === 0) continue;
      const days = overlapDays(e, from, to);
      if (days === 0) continue;
      const scheduled = Math.max(4, Math.round((full * days) / (to - from + 1)));
      const rate = Math.min(1, e.person.diligence * (0.85 + 0.3 * rng.next()));
      const attendedTenths = Math.min(scheduled * 10, Math.round((scheduled * rate * 10) / 5) * 5);
      const p = e.person;
      s.line(csvLine([formatPnr(p.birthDay, p.serial3, drawPnrFormat(rng)), monthStr(mi), e.programme.code, e.provider, String(scheduled), tenths(attendedTenths)], d));
      rows++;
    }
  }
  s.close();
  return rows;
}

const BASE_AMOUNT: Record<string, number> = {
  "Ensamstående utan barn": 7_800, "Ensamstående med barn": 12_400, "Sammanboende utan barn": 6_200, "Sammanboende med barn": 9_600,
};

export function writeAssistance(ctx: Context, spec: FileSpec): number {
  const rng = ctx.rng.fork("ekonomiskt-bistand.csv");
  const scale = ctx.world.scale;
  const months = Array.from({ length: 12 }, (_, k) => monthIndex(2023, k + 1));
  const first = months[0];
  // Spells (person, first month, last month) within 2023.
  const spells: { person: Person; from: number; to: number }[] = [];
  const active = new Array<number>(12).fill(0);
  const add = (person: Person, from: number, to: number) => {
    const a = Math.max(from, first);
    const b = Math.min(to, months[11]);
    if (b < a) return;
    spells.push({ person, from: a, to: b });
    for (let mi = a; mi <= b; mi++) active[mi - first]++;
  };
  // Participants flagged as receiving assistance get it around their enrolment.
  const seen = new Set<Person>();
  for (const e of ctx.world.enrolments) {
    if (!e.person.financialAssistance || seen.has(e.person)) continue;
    if (overlapDays(e, dayOf(2023, 1, 1), dayOf(2023, 12, 31)) === 0) continue;
    seen.add(e.person);
    add(e.person, monthOfDay(e.start) - rng.int(0, 6), monthOfDay(e.end ?? EXPORT_DAY) + rng.int(-2, 3));
  }
  // Other recipients until each month reaches its level (falling through the year).
  const pool = new PnrPool();
  let idx = 0;
  const general = { women: 0.5, disability: 0.15, foreignBorn: 0.5 };
  for (let k = 0; k < 12; k++) {
    const target = Math.round((1250 - (190 * k) / 11) * scale);
    while (active[k] < target) {
      const age = 18 + Math.min(52, Math.floor(rng.next() * rng.next() * 70) + rng.int(0, 8));
      const person = newPerson(rng, pool, idx++, age, firstDayOfMonth(months[k]), general, 1);
      const longTerm = rng.chance(0.45);
      const start = k === 0 ? months[0] - rng.int(0, 12) : months[k];
      add(person, start, start + (longTerm ? rng.int(9, 24) : rng.int(0, 6)));
    }
  }
  const s = open(ctx, spec);
  const d = spec.delimiter;
  s.line(csvLine(["Personnummer", "Kön", "Månad", "Hushållstyp", "Utbetalt belopp"], d));
  const recipients = new Map<Person, true>();
  const genderWord = (g: string) => (g === "K" ? "Kvinna" : g === "M" ? "Man" : g);
  let rows = 0;
  for (let k = 0; k < 12; k++) {
    const mi = months[k];
    for (const sp of spells) {
      if (sp.from > mi || sp.to < mi) continue;
      const p = sp.person;
      recipients.set(p, true);
      const base = BASE_AMOUNT[p.household] ?? 8_000;
      const kr = Math.round(base * (0.7 + 0.6 * rng.next()));
      const oreRest = rng.chance(0.8) ? 0 : rng.int(1, 99);
      s.line(csvLine([formatPnr(p.birthDay, p.serial3, drawPnrFormat(rng)), genderWord(p.gender), monthStr(mi), p.household, ore(kr * 100 + oreRest)], d));
      rows++;
    }
  }
  s.close();
  ctx.assistance = { recipients2023: recipients };
  return rows;
}

interface Municipality {
  id: string;
  name: string;
  adults: number;
  /** Participants per adult, share work or studies (%), assistance share (%). */
  u40800: number;
  u40455: number;
  n31824: number;
}

/** Comparison municipalities: invented names (no real municipality's figures are implied). */
const OTHERS: readonly Municipality[] = [
  { id: "0990", name: "Norrvik", adults: 118_000, u40800: 0.021, u40455: 41.5, n31824: 3.1 },
  { id: "0991", name: "Sjöhamn", adults: 74_000, u40800: 0.028, u40455: 36.2, n31824: 4.6 },
  { id: "0992", name: "Älvsta", adults: 31_000, u40800: 0.018, u40455: 44.0, n31824: 2.6 },
  { id: "0993", name: "Björkdala", adults: 52_000, u40800: 0.033, u40455: 29.8, n31824: 5.9 },
  { id: "0994", name: "Östermark", adults: 96_000, u40800: 0.024, u40455: 38.7, n31824: 3.8 },
  { id: "0995", name: "Granlunda", adults: 23_000, u40800: 0.03, u40455: 33.5, n31824: 4.2 },
  { id: "0996", name: "Ekeberga", adults: 61_000, u40800: 0.026, u40455: 35.1, n31824: 5.1 },
  { id: "0997", name: "Hagaby", adults: 7_800, u40800: 0.02, u40455: 31.0, n31824: 3.3 },
];

const EXEMPELBY_ADULTS = 56_000;
const MUNICIPAL_EMPLOYMENT = new Set(["resursjobb", "valfardsjobb"]);

function pct(num: number, den: number): string {
  if (den === 0) return "-";
  return (Math.round((num * 1000) / den) / 10).toFixed(1);
}

export function writeKolada(ctx: Context, spec: FileSpec): number {
  const rng = ctx.rng.fork("kolada.csv");
  const s = open(ctx, spec);
  const d = spec.delimiter;
  s.line(csvLine([`Kolada – nyckeltal för ${MUNICIPALITY.name} och jämförelsekommuner, hämtad 2024-03-15`], d));
  s.line(csvLine(["kpi", "municipality_id", "municipality", "period", "gender", "value"], d));
  const years = [2021, 2022, 2023];
  const genders = ["T", "K", "M"] as const;
  const rows: string[][] = [];
  const push = (kpi: string, m: { id: string; name: string }, year: number, g: string, value: string) => rows.push([kpi, m.id, m.name, String(year), g, value]);

  // Exempelby: computed from the sample's own rows where it can be.
  const own = { id: MUNICIPALITY.id, name: MUNICIPALITY.short };
  const byGender = (p: Person): "K" | "M" | null => (p.gender === "K" || p.gender === "M" ? p.gender : null);
  for (const year of years) {
    const from = dayOf(year, 1, 1);
    const to = dayOf(year, 12, 31);
    const persons = { T: new Set<Person>(), K: new Set<Person>(), M: new Set<Person>() };
    const ended = { T: 0, K: 0, M: 0 };
    const work = { T: 0, K: 0, M: 0 };
    for (const e of ctx.world.enrolments) {
      if (overlapDays(e, from, to) > 0 || (e.start <= to && e.end === null)) {
        persons.T.add(e.person);
        const g = byGender(e.person);
        if (g) persons[g].add(e.person);
      }
      if (e.end !== null && e.end >= from && e.end <= to) {
        const ok = e.reason === "B" || (e.reason === "A" && !MUNICIPAL_EMPLOYMENT.has(e.form));
        const g = byGender(e.person);
        for (const key of g ? (["T", g] as const) : (["T"] as const)) {
          ended[key]++;
          if (ok) work[key]++;
        }
      }
    }
    for (const g of genders) push("U40455", own, year, g, pct(work[g], ended[g]));
    for (const g of genders) push("U40800", own, year, g, String(persons[g].size));
  }
  const recipients = ctx.assistance?.recipients2023 ?? new Map<Person, true>();
  const rec = { T: recipients.size, K: 0, M: 0 };
  for (const p of recipients.keys()) {
    const g = byGender(p);
    if (g) rec[g]++;
  }
  const adults = EXEMPELBY_ADULTS * ctx.world.scale;
  const n2023 = { T: (rec.T * 100) / adults, K: (rec.K * 200) / adults, M: (rec.M * 200) / adults };
  for (const year of years) {
    const extra = year === 2021 ? 0.5 : year === 2022 ? 0.2 : 0;
    for (const g of genders) push("N31824", own, year, g, (Math.round((n2023[g] + extra) * 10) / 10).toFixed(1));
  }

  // Comparison municipalities: invented levels with a little movement between years.
  for (const m of OTHERS) {
    for (const year of years) {
      const drift = (year - 2022) * 0.6;
      const tShare = m.u40455 + drift + rng.real(-2, 2);
      const kShare = tShare + rng.real(-4, 4);
      const mShare = 2 * tShare - kShare;
      const missing = m.name === "Ekeberga" && year === 2021;
      const small = m.adults < 10_000;
      for (const g of genders) {
        const v = g === "T" ? tShare : g === "K" ? kShare : mShare;
        push("U40455", m, year, g, missing ? "-" : small && g !== "T" && year < 2023 ? ".." : v.toFixed(1));
      }
      const total = Math.round(m.adults * m.u40800 * (1 + drift / 30 + rng.real(-0.05, 0.05)));
      const women = Math.round(total * rng.real(0.44, 0.54));
      push("U40800", m, year, "T", String(total));
      push("U40800", m, year, "K", String(women));
      push("U40800", m, year, "M", String(total - women));
      const n = m.n31824 - drift / 3 + rng.real(-0.2, 0.2);
      const nk = n + rng.real(-0.5, 0.3);
      for (const g of genders) push("N31824", m, year, g, (g === "T" ? n : g === "K" ? nk : 2 * n - nk).toFixed(1));
    }
  }
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : Number(a[3]) - Number(b[3]) || genders.indexOf(a[4] as "T") - genders.indexOf(b[4] as "T")));
  for (const r of rows) s.line(csvLine(r, d));
  s.close();
  return rows.length;
}

/**
 * Places the administrations ask for (Västerås 002 §73): a fixed table, the same at every scale.
 * 2023 in total: 73 internship places, 50 work-training places, 72 welfare jobs.
 */
export function writeRequestedPlaces(ctx: Context, spec: FileSpec): number {
  const s = open(ctx, spec);
  const d = spec.delimiter;
  s.line(csvLine(["Förvaltning", "Typ av plats", "År", "Efterfrågade platser", "Kommentar"], d));
  const wanted: [string, number[], number[], number[]][] = [
    // administration, [praktik, arbetsträning, välfärdsjobb] for 2022, 2023, 2024
    ["Barn- och utbildningsförvaltningen", [20, 16, 26], [25, 20, 30], [28, 20, 32]],
    ["Vård- och omsorgsförvaltningen", [15, 12, 20], [18, 15, 22], [20, 16, 25]],
    ["Tekniska förvaltningen", [10, 5, 8], [12, 6, 10], [12, 8, 10]],
    ["Kultur-, idrotts- och fritidsförvaltningen", [8, 4, 5], [10, 5, 6], [10, 5, 6]],
    ["Stadsledningskontoret", [6, 3, 3], [8, 4, 4], [8, 4, 4]],
  ];
  const kinds = ["Praktik", "Arbetsträning", "Välfärdsjobb"];
  let rows = 0;
  for (const [admin, ...years] of wanted) {
    years.forEach((perKind, y) => {
      perKind.forEach((n, k) => {
        const comment = y === 2 && k === 2 ? "Preliminärt; beslut i budgeten" : "";
        s.line(csvLine([admin, kinds[k], String(2022 + y), String(n), comment], d));
        rows++;
      });
    });
  }
  s.close();
  return rows;
}

export const WRITERS: Record<string, (ctx: Context, spec: FileSpec) => number> = {
  "deltagare.csv": writeParticipants,
  "insatser.csv": writeProgrammes,
  "huvudbok.csv": writeLedger,
  "prognos.csv": writeForecasts,
  "mal.csv": writeTargets,
  "bemanning.csv": writeStaffing,
  "narvaro.csv": writeAttendance,
  "ekonomiskt-bistand.csv": writeAssistance,
  "kolada.csv": writeKolada,
  "efterfragade-platser.csv": writeRequestedPlaces,
};

