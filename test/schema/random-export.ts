/**
 * Random participants exports for the loader's property tests (issue 11): every dialect and
 * encoding, title/blank/footer lines, quoted fields with line breaks and doubled quotes, and bad
 * rows (wrong field count, unbalanced quotes, bad dates and identity numbers, subtotal rows,
 * missing required values), optionally a decode problem (NUL, invalid UTF-8 after a BOM).
 */
import fc from "fast-check";
import { encode, type Encoding } from "../../src/read/encoding.ts";
import { CodedStrings } from "../../src/schema/coded-columns.ts";
import { LoadError, type Loaded } from "../../src/schema/load.ts";
import type { LoadReport } from "../../src/schema/report.ts";
import type { Schema } from "../../src/schema/types.ts";
import { makePnr, wrongCheck } from "../read/helpers.ts";

export const HEADER = ["Personnummer", "Kön", "Insats", "Utförare", "Startdatum", "Slutdatum", "Avslutsorsak", "Avslutsorsak detalj", "Funktionsnedsättning"];

const PNRS = ["19900803-048", "19670424-845", "19970615-652", "20010101-123", "19551231-987", "19800229-111"].map((p) => makePnr(p.slice(0, 8), p.slice(9)));

const cell = {
  pnr: fc.oneof(fc.constantFrom(...PNRS), fc.constantFrom(...PNRS).map((p) => p.slice(2)), fc.constantFrom(...PNRS).map((p) => p.replace("-", ""))),
  gender: fc.constantFrom("K", "M", "kvinna", "", "X"),
  programme: fc.constantFrom("IPS", "Jobbspår", "Arbetsträning", "Praktik – €-stöd", '12" skärm'),
  provider: fc.constantFrom("AME Egen regi", "Lernia", "", "Stiftelsen “Steget”"),
  date: fc.constantFrom("2023-01-04", "20230405", "2024-02-29", "2022-12-31"),
  end: fc.constantFrom("2023-06-30", "", "20231231"),
  reason: fc.constantFrom("A", "B", "arbete", "studier", "E", ""),
  detail: fc.oneof(
    fc.constantFrom("sjukdom", "flytt", "", "pension; heltid"),
    fc.constantFrom("rad ett\nrad två", "säger \"hej\"", "a\r\nb\r\nc", "slut;\n;mitt"),
  ),
  bool: fc.constantFrom("ja", "nej", "j", "n", "x", ""),
};

type Fault = "none" | "short" | "long" | "bad-date" | "bad-pnr" | "subtotal" | "required" | "open-quote" | "quote-junk" | "pnr-in-text" | "footer-like";

const rowArb = fc.record({
  cells: fc.tuple(cell.pnr, cell.gender, cell.programme, cell.provider, cell.date, cell.end, cell.reason, cell.detail, cell.bool),
  fault: fc.oneof({ weight: 6, arbitrary: fc.constant<Fault>("none") }, {
    weight: 2,
    arbitrary: fc.constantFrom<Fault>("short", "long", "bad-date", "bad-pnr", "subtotal", "required", "open-quote", "quote-junk", "pnr-in-text", "footer-like"),
  }),
  blankBefore: fc.integer({ min: 0, max: 5 }),
});

export const exportArb = fc.record({
  rows: fc.array(rowArb, { minLength: 0, maxLength: 40 }),
  delimiter: fc.constantFrom(";", ",", "\t"),
  eol: fc.constantFrom("\r\n", "\n", "\r"),
  encoding: fc.constantFrom<Encoding>("utf-8", "utf-8-bom", "windows-1252", "utf-16le", "utf-16be"),
  // A title line: none, plain, with an extraction date (the load report's `extractedOn`), with two
  // different dates or a date that does not exist (no extractedOn).
  title: fc.constantFrom(
    "",
    "Deltagare i arbetsmarknadsinsatser – Exempelby kommun",
    "Deltagare i arbetsmarknadsinsatser – Exempelby kommun – uttag 2024-01-05",
    "Deltagare per 2023-12-31 – hämtad 2024-01-05",
    "Uttagsdatum: 2023-02-30",
  ),
  footer: fc.constantFrom("", "Källa: Procapita", "Antal rader: 12"),
  finalEol: fc.boolean(),
  decodeFault: fc.constantFrom("none", "none", "none", "none", "none", "none", "none", "none", "nul", "invalid-utf8"),
  faultAt: fc.nat(),
});
export type RandomExport = typeof exportArb extends fc.Arbitrary<infer E> ? E : never;

function quote(v: string, delimiter: string): string {
  return /["\r\n]/.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The export's bytes. */
export function exportBytes(e: RandomExport): Uint8Array {
  const d = e.delimiter;
  const lines: string[] = [];
  if (e.title !== "") lines.push(e.title);
  lines.push(HEADER.join(d));
  for (const r of e.rows) {
    if (r.blankBefore === 1) lines.push("");
    if (r.blankBefore === 2) lines.push(d.repeat(3));
    const c = [...r.cells];
    switch (r.fault) {
      case "bad-date": c[4] = "2023-13-01"; break;
      case "bad-pnr": c[0] = wrongCheck(PNRS[0]); break;
      case "subtotal": c[2] = "Summa"; break;
      case "required": c[2] = ""; break;
      case "pnr-in-text": c[3] = `ring ${PNRS[1]}`; break;
    }
    let fields = c.map((v) => quote(v, d));
    if (r.fault === "short") fields = fields.slice(0, 4);
    if (r.fault === "long") fields.push("extra");
    if (r.fault === "open-quote") fields[3] = `"öppen${fields[3]}`;
    if (r.fault === "quote-junk") fields[2] = `"${c[2].replace(/"/g, '""')}"x`;
    // A record shaped like a footer ("Anm: …" and empty fields) that data follows: a bad data row.
    if (r.fault === "footer-like") fields = ["Anm: kontrollera", "", ""];
    lines.push(fields.join(d));
  }
  if (e.footer !== "") lines.push(e.footer + d.repeat(2));
  const eol = e.eol;
  // Line breaks inside quoted values follow the file's line break (a bare-CR file has no LF at all).
  let text = lines.join(eol).replace(/\r\n|\n|\r/g, eol) + (e.finalEol ? eol : "");
  const enc = e.decodeFault === "invalid-utf8" ? "utf-8-bom" : e.encoding;
  if (e.decodeFault === "nul" && text.length > 0) {
    const at = e.faultAt % text.length;
    text = text.slice(0, at) + "\0" + text.slice(at);
  }
  const bytes = encodeExport(text, enc);
  if (e.decodeFault === "invalid-utf8") {
    const at = 3 + (e.faultAt % Math.max(1, bytes.length - 3));
    return new Uint8Array(Buffer.concat([Buffer.from(bytes.subarray(0, at)), Buffer.from([0xf6]), Buffer.from(bytes.subarray(at))]));
  }
  return bytes;
}

/**
 * The bytes of an export's text: in Windows-1252 what it cannot hold becomes `?`; `oddByte` cuts
 * a UTF-16 file off in the middle of a code unit (one byte too many).
 */
export function encodeExport(text: string, encoding: Encoding, oddByte = false): Uint8Array {
  const bytes = encode(encoding === "windows-1252" ? text.replace(/[^\x00-\xff€–“”]/g, "?") : text, encoding);
  return oddByte && (encoding === "utf-16le" || encoding === "utf-16be") ? Uint8Array.from([...bytes, 0x41]) : bytes;
}

/** What a load gave: the table's columns, or the failure; always the report. */
export interface Outcome {
  failure: string | null;
  columns: Record<string, unknown[]> | null;
  /**
   * Per text or identity-number column its codes and dictionary as the metrics read them: the same
   * values under two codes (one person with two ids) show here, not in the values.
   */
  coded: Record<string, { codes: number[]; dictionary: readonly string[] }> | null;
  report: LoadReport;
}

export function outcome<S extends Schema>(load: () => Loaded<S>): Outcome {
  try {
    const { table, report } = load();
    const columns: Record<string, unknown[]> = {};
    const coded: Record<string, { codes: number[]; dictionary: readonly string[] }> = {};
    for (const name of table.columnNames()) {
      columns[name] = Array.from(table.array(name) as ArrayLike<unknown>);
      const c = table.column(name);
      if (c instanceof CodedStrings) coded[name] = { codes: Array.from(c.codes), dictionary: c.dictionary };
    }
    return { failure: null, columns, coded, report };
  } catch (e) {
    if (!(e instanceof LoadError)) throw e;
    return { failure: e.message, columns: null, coded: null, report: e.report };
  }
}
