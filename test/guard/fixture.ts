/**
 * The sample participants export with identity numbers typed where they do not belong: every
 * written form in the free-text column "Avslutsorsak detalj", and some in names (programme,
 * provider, unit, referrer), the gender and birth-year columns and the date columns.
 * Built from the bytes of data/sample/deltagare.csv (Windows-1252) and written as UTF-8, since
 * U+2010, U+2011 and U+2212 have no Windows-1252 byte.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { checkDigit } from "../read/helpers.ts";
import { ROOT } from "../report/helpers.ts";

/** The 12 digits of a valid number for a date YYYYMMDD (day + 60 for coordination numbers). */
export function valid12(date8: string, serial3: string): string {
  return `${date8}${serial3}${checkDigit(date8.slice(2) + serial3)}`;
}

/** Every written form of the 12 digits `d12`, by name. */
export function writtenForms(d12: string): [string, string][] {
  const c = d12.slice(0, 8);
  const s = d12.slice(2, 8);
  const n = d12.slice(8);
  return [
    ["YYYYMMDD-NNNN", `${c}-${n}`],
    ["YYYYMMDDNNNN", `${c}${n}`],
    ["YYYYMMDD+NNNN", `${c}+${n}`],
    ["YYYYMMDD NNNN", `${c} ${n}`],
    ["YYYYMMDD U+2010 NNNN", `${c}\u2010${n}`],
    ["YYYYMMDD U+2011 NNNN", `${c}\u2011${n}`],
    ["YYYYMMDD U+2212 NNNN", `${c}\u2212${n}`],
    ["YYMMDD-NNNN", `${s}-${n}`],
    ["YYMMDDNNNN", `${s}${n}`],
    ["YYMMDD+NNNN", `${s}+${n}`],
    ["YYMMDD NNNN", `${s} ${n}`],
    ["YYMMDD U+2010 NNNN", `${s}\u2010${n}`],
    ["YYMMDD U+2011 NNNN", `${s}\u2011${n}`],
    ["YYMMDD U+2212 NNNN", `${s}\u2212${n}`],
  ];
}

export interface Injected {
  /** Physical line in the file (1-based). */
  line: number;
  /** The header of the column. */
  column: string;
  /** The issue kind the loader must report: identity-number for text, or the type error for a date. */
  kind: string;
  /** What was written (for the test to check it never comes back). */
  written: string;
  /** The 12 digits of the number (same check). */
  digits: string;
}

export interface PnrFixture {
  /** The changed export as UTF-8 bytes with BOM. */
  bytes: Uint8Array;
  injected: Injected[];
}

/** Every test number's 12 digits: one for each row, so each can be looked for separately. */
function numberFor(k: number, coordination: boolean): string {
  const month = String(1 + (k % 12)).padStart(2, "0");
  const day = 1 + (k % 28) + (coordination ? 60 : 0);
  return valid12(`19${String(60 + (k % 40)).padStart(2, "0")}${month}${String(day).padStart(2, "0")}`, String(100 + k * 7).slice(-3));
}

export function participantsWithIdentityNumbers(): PnrFixture {
  const raw = readFileSync(path.join(ROOT, "data/sample/deltagare.csv"));
  const lines = iconv.decode(raw, "windows-1252").split("\r\n");
  const header = lines[1].split(";");
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`the sample has no column ${name}`);
    return i;
  };
  const injected: Injected[] = [];
  let line = 3; // line 1: title, line 2: header
  let k = 0;
  const put = (column: string, kind: string, make: (written: string) => string, form: (d12: string) => string, coordination = false) => {
    const digits = numberFor(k++, coordination);
    const written = form(digits);
    const fields = lines[line - 1].split(";");
    fields[col(column)] = make(written);
    lines[line - 1] = fields.join(";");
    injected.push({ line, column, kind, written, digits });
    line += 2; // every other line, so that the rows between stay as they were
  };
  // Free text: every written form, inside a sentence or alone, as personnummer and as samordningsnummer.
  for (const coordination of [false, true]) {
    for (let index = 0; index < 14; index++) {
      put("Avslutsorsak detalj", "identity-number", (w) => (index % 2 === 0 ? `ring ${w} tack` : w), (d) => writtenForms(d)[index][1], coordination);
    }
  }
  // Names and other text columns.
  put("Insats", "identity-number", (w) => `IPS ${w}`, (d) => d);
  put("Utförare", "identity-number", (w) => `Coach ${w} AB`, (d) => writtenForms(d)[4][1]);
  put("Enhet", "identity-number", (w) => w, (d) => writtenForms(d)[11][1], true);
  put("Remitterande myndighet", "identity-number", (w) => `Soc. (${w})`, (d) => writtenForms(d)[13][1]);
  put("Kön", "identity-number", (w) => w, (d) => writtenForms(d)[7][1]);
  // Number and date columns: the value fails as a number or date, and the error must not show it.
  put("Födelseår", "integer", (w) => w, (d) => writtenForms(d)[7][1]);
  put("Slutdatum", "date", (w) => w, (d) => writtenForms(d)[0][1]);
  put("Beslutsdatum", "date", (w) => w, (d) => d);
  put("Startdatum", "date", (w) => w, (d) => writtenForms(d)[12][1], true);
  const text = "\uFEFF" + lines.join("\r\n");
  return { bytes: new TextEncoder().encode(text), injected };
}
