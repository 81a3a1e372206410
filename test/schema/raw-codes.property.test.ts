/**
 * Property (issue 11): byte ranges read on raw codes (src/schema/range-fast.ts, the WebAssembly
 * kernel and the columns' memos by code) give exactly the table, load report and error list of
 * reading their text, and of the single-threaded load, on random plain exports: every fault a
 * plain record can hold (bad dates and identity numbers, subtotal rows, missing required values,
 * identity numbers in text, missing markers, blank last fields, footer-shaped records followed by
 * data, Windows-1252 characters 0x80–0x9F, CRLF, no final line break), and now and then a record
 * that sends its range back to the text (a quote, a short or long record, a blank line).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encode, type Encoding } from "../../src/read/encoding.ts";
import { loadBytes } from "../../src/schema/load.ts";
import { parallelStats } from "../../src/schema/parallel.ts";
import { participantsSchema } from "../../src/sources/index.ts";
import { KEY, makePnr, wrongCheck } from "../read/helpers.ts";
import { HEADER, outcome } from "./random-export.ts";

const common = { pseudonymKey: KEY, referenceYear: 2024, name: "deltagare.csv" };

const PNRS = ["19900803-048", "19670424-845", "19970615-652", "20010101-123", "19551231-987"].map((p) => makePnr(p.slice(0, 8), p.slice(9)));

const cell = {
  pnr: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...PNRS) },
    { weight: 2, arbitrary: fc.constantFrom(...PNRS).map((p) => p.slice(2)) },
    { weight: 1, arbitrary: fc.constantFrom(wrongCheck(PNRS[0]), "", "-", "19900803") },
  ),
  gender: fc.constantFrom("K", "M", "kvinna", "", "X", " K ", "..", "okänt"),
  programme: fc.constantFrom("IPS", "Jobbspår", "Arbetsträning", "Praktik – €-stöd", "Summa", "Totalt IPS", "", "  IPS"),
  provider: fc.constantFrom("AME Egen regi", "Lernia", "", "Š-bolaget", "Œuvre “Steget”", `ring ${PNRS[1]}`, "-"),
  date: fc.constantFrom("2023-01-04", "20230405", "2024-02-29", "2023-13-01", "", "-", "2023-02-30"),
  end: fc.constantFrom("2023-06-30", "", "20231231", "i morgon"),
  reason: fc.constantFrom("A", "B", "arbete", "studier", "E", "", "Z"),
  detail: fc.constantFrom("sjukdom", "flytt", "", " ", "pension heltid", "Anm: kontrollera"),
  // The last column: blank now and then (the record might be blank or footer-shaped).
  bool: fc.constantFrom("ja", "nej", "j", "n", "x", "", " ", "kanske"),
};

/** A record that sends its range back to reading the text. */
const ODD = ["quote", "short", "long", "blank"] as const;

const exportArb = fc.record({
  rows: fc.array(
    fc.record({
      cells: fc.tuple(cell.pnr, cell.gender, cell.programme, cell.provider, cell.date, cell.end, cell.reason, cell.detail, cell.bool),
      odd: fc.oneof({ weight: 60, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...ODD) }),
      footerShaped: fc.oneof({ weight: 20, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    }),
    { minLength: 0, maxLength: 120 },
  ),
  delimiter: fc.constantFrom(";", ",", "\t"),
  eol: fc.constantFrom("\r\n", "\n"),
  encoding: fc.constantFrom<Encoding>("utf-8", "utf-8-bom", "windows-1252", "windows-1252", "utf-16le"),
  footer: fc.constantFrom("", "Källa: Procapita"),
  finalEol: fc.boolean(),
  // Without the gender column, gender is derived from the identity number (as birth year always is).
  withGender: fc.boolean(),
});

function exportText(e: typeof exportArb extends fc.Arbitrary<infer E> ? E : never): string {
  const d = e.delimiter;
  const keep = (_: string, i: number) => e.withGender || i !== 1;
  const lines = ["Deltagare i arbetsmarknadsinsatser – uttag 2024-01-05", HEADER.filter(keep).join(d)];
  for (const r of e.rows) {
    let fields: string[] = r.cells.filter(keep).map((v) => v.split(d).join(" "));
    // Full width, every field but the first blank: footer-shaped (data follows it, so it is read as data).
    if (r.footerShaped) fields = ["Anm: kontrollera", ...fields.slice(1).map(() => "")];
    if (r.odd === "quote") fields[7] = `"säger ""hej"""`;
    if (r.odd === "short") fields = fields.slice(0, 4);
    if (r.odd === "long") fields.push("extra");
    if (r.odd === "blank") lines.push("");
    lines.push(fields.join(d));
  }
  if (e.footer !== "") lines.push(e.footer + d.repeat(2));
  return lines.join(e.eol) + (e.finalEol ? e.eol : "");
}

function exportBytes(text: string, encoding: Encoding): Uint8Array {
  return encode(encoding === "windows-1252" ? text.replace(/[^\x00-\xff€–“”ŠŒ]/g, "?") : text, encoding);
}

describe("ranges read on raw codes", () => {
  it("give the table, report and errors of reading the text, and of the single-threaded load", () => {
    const before = parallelStats.codedRanges;
    const rangesBefore = parallelStats.mainRanges + parallelStats.workerRanges;
    fc.assert(
      fc.property(exportArb, fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 8 }), fc.constantFrom("strict" as const, "lenient" as const), fc.constantFrom(2, 100),
        (e, workers, extraRanges, mode, maxErrors) => {
          const bytes = exportBytes(exportText(e), e.encoding);
          const opts = { ...common, mode, maxErrors };
          const parallel = { workers, minBytes: 0, ranges: workers + 1 + extraRanges };
          const single = outcome(() => loadBytes(participantsSchema, bytes, { ...opts, parallel: false }));
          const text = outcome(() => loadBytes(participantsSchema, bytes, { ...opts, parallel: { ...parallel, rawCodes: false } }));
          const codes = outcome(() => loadBytes(participantsSchema, bytes, { ...opts, parallel }));
          // By default an export this small is one range on this thread, read on codes.
          const byDefault = outcome(() => loadBytes(participantsSchema, bytes, opts));
          expect(text).toEqual(single);
          expect(codes).toEqual(text);
          expect(byDefault).toEqual(single);
        }),
      { numRuns: 400 },
    );
    // Many ranges were read on raw codes (the others went back to their text: a quote, a short or
    // long record, a blank line or the footer in the range, or UTF-16).
    // (The ranges counted are those of both parallel loads; about two in three of the loads on
    // codes were read so, the share in the count about one in three.)
    const ranges = parallelStats.mainRanges + parallelStats.workerRanges - rangesBefore;
    expect(parallelStats.codedRanges - before).toBeGreaterThan(ranges * 0.2);
  }, 300_000);

  it("a large Windows-1252 export with every kind of row: the same on codes as from the text, every range on codes", () => {
    const rows: string[] = [];
    const persons = Array.from({ length: 3000 }, (_, p) => makePnr(`19${60 + (p % 40)}0${1 + (p % 9)}1${p % 10}`, String(100 + (p % 900)).padStart(3, "0")));
    for (let i = 0; i < 60_000; i++) {
      const programme = i % 997 === 0 ? "Summa" : i % 5 === 0 ? "Praktik – €-stöd" : "IPS";
      const start = i % 1009 === 0 ? "2023-13-01" : `2023-0${1 + (i % 9)}-1${i % 10}`;
      const provider = i % 2003 === 0 ? `ring ${persons[7]}` : i % 3 === 0 ? "Š-bolaget" : `AME ${i % 40}`;
      rows.push([persons[i % 3000], i % 3 === 0 ? "K" : "M", programme, provider, start, i % 4 === 0 ? "" : "2023-12-31", "E", `flytt ${i % 50}`, i % 7 === 0 ? "" : "ja"].join(";"));
    }
    const bytes = encode(["Deltagare", HEADER.join(";"), ...rows].join("\r\n") + "\r\n", "windows-1252");
    const opts = { ...common, mode: "lenient" as const };
    const before = parallelStats.codedRanges;
    const codes = outcome(() => loadBytes(participantsSchema, bytes, { ...opts, parallel: { workers: 1, minBytes: 0, ranges: 6 } }));
    expect(parallelStats.codedRanges - before).toBe(6);
    const text = outcome(() => loadBytes(participantsSchema, bytes, { ...opts, parallel: { workers: 1, minBytes: 0, ranges: 6, rawCodes: false } }));
    expect(codes).toEqual(text);
    const report = codes.report;
    // Quarantined: the subtotal rows, the bad dates and the identity numbers in text (some rows have two faults).
    const bad = new Set<number>();
    for (let i = 0; i < 60_000; i++) if (i % 997 === 0 || i % 1009 === 0 || i % 2003 === 0) bad.add(i);
    expect([report.rowsAccepted, report.rowsQuarantined]).toEqual([60_000 - bad.size, bad.size]);
    expect(report.errorsByKind).toMatchObject({ subtotal: 61, date: 59 });
    expect(codes.columns!.programme).toContain("Praktik – €-stöd");
    expect(codes.columns!.provider).toContain("Š-bolaget");
  }, 120_000);
  it("a range that turns to its text after its first window gives what reading its text gives", () => {
    // Two ranges of about 1,6 MB each, so each is read in two windows; a quoted field near the end
    // of each range (which the kernel does not read) makes the range go on from its text at its
    // second window, after its first window was read on codes (its persons already numbered).
    const persons = Array.from({ length: 5000 }, (_, p) => makePnr(`19${50 + (p % 50)}0${1 + (p % 9)}1${p % 10}`, String(100 + (p % 900)).padStart(3, "0")));
    const rows: string[] = [];
    const n = 52_000;
    for (let i = 0; i < n; i++) {
      const detail = i === 25_000 || i === n - 50 ? '"säger ""hej"""' : `flytt ${i % 30}`;
      // Bad dates before and after the quotes: their line numbers come from both ways of reading.
      const start = i % 5000 === 17 ? "2023-13-01" : "2023-01-04";
      rows.push([persons[(i * 7) % 5000], i % 2 === 0 ? "K" : "M", "IPS", `AME ${i % 12}`, start, "2023-06-30", "E", detail, "ja"].join(";"));
    }
    const bytes = encode([HEADER.join(";"), ...rows, "Antal rader: 52000"].join("\n") + "\n", "windows-1252");
    expect(bytes.length).toBeGreaterThan(3_000_000);
    const opts = { ...common, mode: "lenient" as const };
    const before = parallelStats.codedRanges;
    const codes = outcome(() => loadBytes(participantsSchema, bytes, { ...opts, parallel: { workers: 1, minBytes: 0, ranges: 2 } }));
    expect(parallelStats.codedRanges - before).toBe(2); // both began on codes
    const text = outcome(() => loadBytes(participantsSchema, bytes, { ...opts, parallel: { workers: 1, minBytes: 0, ranges: 2, rawCodes: false } }));
    const single = outcome(() => loadBytes(participantsSchema, bytes, { ...opts, parallel: false }));
    expect(codes).toEqual(text);
    expect(codes).toEqual(single);
    const badLines = rows.flatMap((_, i) => (i % 5000 === 17 ? [i + 2] : []));
    expect(codes.report.rowsAccepted).toBe(n - badLines.length);
    expect(codes.report.errors.map((e) => e.line)).toEqual(badLines);
  }, 120_000);
});
