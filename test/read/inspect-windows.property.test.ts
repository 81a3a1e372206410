/**
 * Property (issue 11 §1): `inspect` reads an export in windows — the bytes cut into tiny windows
 * (records, quoted line breaks, UTF-8 sequences, UTF-16 code units and CRLF pairs cut anywhere) —
 * and gives exactly the result of reading it whole as one decoded string (what inspect did
 * before), for every delimiter, line break, encoding, title and footer line and decode problem.
 * Remembering what the parsers made of repeated cells changes nothing either: the whole reading
 * gives every cell to every parser.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectHead } from "../../src/read/dialect.ts";
import { decode, DecodeError, encode, findNul, type Encoding } from "../../src/read/encoding.ts";
import { DISTINCT_CAP, inspectBytes, inspectFile, inspectText, type InspectResult } from "../../src/read/inspect.ts";
import { normaliseBareCr } from "../../src/read/lines.ts";
import { encodeExport, exportArb, exportBytes } from "../schema/random-export.ts";
import { makePnr } from "./helpers.ts";

const YEAR = 2024;

/**
 * The whole-file reading: one decoded string of the whole export, every cell given to every
 * parser (inspect before issue 11: no windows, no cells remembered).
 */
function inspectWhole(bytes: Uint8Array, name: string): InspectResult {
  const decoded = decode(bytes);
  const nul = findNul(bytes, decoded);
  if (nul !== null) throw new DecodeError(nul);
  const { text, bareCr } = normaliseBareCr(decoded.text);
  const head = detectHead(text);
  return {
    file: name,
    bytes: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    encoding: decoded.encoding,
    delimiter: head.delimiter,
    lineBreak: bareCr ? "\r" : head.lineBreak,
    headerLine: head.headerLine,
    ...inspectText(text, head, YEAR, 0),
  };
}

type Outcome = { result: InspectResult; keys: string[] } | { error: string };

function outcome(f: () => InspectResult): Outcome {
  try {
    const result = f();
    return { result, keys: Object.keys(result) };
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return { error: e.message };
  }
}

const PNRS = [makePnr("19850412", "123"), makePnr("19920704", "246"), makePnr("20010101", "117")];
const LONG = "Lång anteckning om insatsen – “citat” och € belopp, ".repeat(3);

/** Cells by column type, including missing markers, spaces, line breaks and values that do not fit. */
const pools: Record<string, string[]> = {
  pnr: [...PNRS, PNRS[0].slice(2), PNRS[1].replace("-", ""), "..", ""],
  money: ["1 234,50 kr", "-500 kr", "12 000", "0,5", "", "-", "ej känt"],
  date: ["2023-01-16", "20230201", "2024-02-29", "2023-13-01", ""],
  month: ["2023-01", "2023M02", "202303", ""],
  integer: ["12", "0180", "-3", "1 200", "7", "x"],
  decimal: ["3,4", "3.4", "10", "-0,25", " 2,5 "],
  boolean: ["ja", "nej", "j", "n", "", "kanske"],
  gender: ["K", "M", "kvinna", "man", "X", ""],
  text: ["ok", "flytt", `ring ${PNRS[1]}`, "rad 1\nrad 2", 'säger "hej"', "a;b", "a,b", "a\tb", LONG, ` ${LONG} `, "Åsa Öberg", "  "],
};
const TYPES = Object.keys(pools);

const typedExportArb = fc.record({
  types: fc.array(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 6 }),
  rows: fc.array(fc.array(fc.nat(), { minLength: 0, maxLength: 8 }), { maxLength: 30 }),
  delimiter: fc.constantFrom(";", ",", "\t"),
  eol: fc.constantFrom("\r\n", "\n", "\r"),
  encoding: fc.constantFrom<Encoding>("utf-8", "utf-8-bom", "windows-1252", "utf-16le", "utf-16be"),
  titles: fc.integer({ min: 0, max: 2 }),
  footers: fc.subarray(["Källa: Viva", "Antal rader: 3", "© Exempelby kommun", "* preliminärt"]),
  blankAt: fc.array(fc.nat(), { maxLength: 3 }),
  finalEol: fc.boolean(),
  /** An odd last byte after UTF-16 (a cut-off file). */
  oddByte: fc.constantFrom(false, false, false, true),
});

function quote(v: string, d: string): string {
  return /["\r\n]/.test(v) || v.includes(d) ? `"${v.replace(/"/g, '""')}"` : v;
}

function typedBytes(e: typeof typedExportArb extends fc.Arbitrary<infer T> ? T : never): Uint8Array {
  const d = e.delimiter;
  const lines: string[] = [];
  for (let t = 0; t < e.titles; t++) lines.push(t === 0 ? `Uttag ur verksamhetssystemet${d.repeat(e.types.length - 1)}` : "Period: 2023-01 – 2023-04");
  lines.push(e.types.map((t, i) => `${t[0].toUpperCase()}${t.slice(1)} ${i + 1}`).join(d));
  e.rows.forEach((picks, r) => {
    if (e.blankAt.includes(r)) lines.push(r % 2 === 0 ? "" : d.repeat(e.types.length - 1));
    // A row may be short (fewer picks than columns) or long (more).
    const cells = picks.map((p, i) => {
      const pool = pools[e.types[i % e.types.length]];
      return quote(pool[p % pool.length], d);
    });
    lines.push(cells.join(d));
  });
  for (const f of e.footers) lines.push(f + d.repeat(Math.max(0, e.types.length - 2)));
  const text = lines.join(e.eol).replace(/\r\n|\n|\r/g, e.eol) + (e.finalEol ? e.eol : "");
  return encodeExport(text, e.encoding, e.oddByte);
}

describe("inspect in windows", () => {
  /**
   * Inspecting `bytes` in windows of `chunkBytes`, remembering `memoCells` cells a column (the
   * default, or so few that most cells overflow the memo), gives what reading them whole gives.
   */
  const sameAsWhole = (bytes: Uint8Array, chunkBytes: number, memoCells: number | undefined) => {
    const whole = outcome(() => inspectWhole(bytes, "okand.csv"));
    expect(outcome(() => inspectBytes(bytes, "okand.csv", { referenceYear: YEAR, chunkBytes, memoCells }))).toStrictEqual(whole);
  };
  const memoCellsArb = fc.constantFrom<number | undefined>(undefined, 1, 3);

  it("tiny windows give exactly the whole-file result (participant exports, every dialect, encoding and decode fault)", () => {
    fc.assert(fc.property(exportArb, fc.integer({ min: 1, max: 40 }), memoCellsArb, (e, chunkBytes, memo) => sameAsWhole(exportBytes(e), chunkBytes, memo)), { numRuns: 400 });
  });

  it("tiny windows give exactly the whole-file result (typed columns, long values, titles, footers, blank lines, cut-off UTF-16)", () => {
    fc.assert(fc.property(typedExportArb, fc.integer({ min: 1, max: 40 }), memoCellsArb, (e, chunkBytes, memo) => sameAsWhole(typedBytes(e), chunkBytes, memo)), { numRuns: 400 });
  });

  it("a file read from disk in windows gives what its bytes give", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "utfall-inspect-"));
    try {
      fc.assert(
        fc.property(typedExportArb, fc.integer({ min: 2, max: 64 }), (e, chunkBytes) => {
          const bytes = typedBytes(e);
          const file = path.join(dir, "okand.csv");
          fs.writeFileSync(file, bytes);
          const fromBytes = outcome(() => inspectBytes(bytes, "okand.csv", { referenceYear: YEAR }));
          const fromFile = outcome(() => inspectFile(file, "okand.csv", { referenceYear: YEAR, chunkBytes }));
          expect(fromFile).toStrictEqual(fromBytes);
        }),
        { numRuns: 60 },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("counts distinct values past the cap across windows, with the same examples", () => {
    const rows = Array.from({ length: DISTINCT_CAP + 300 }, (_, k) => `v${k};${k % 7 === 0 ? "" : `Lång text nummer ${k} ${"x".repeat(90)}`};${k % 2 === 0 ? "K" : "M"}`);
    const bytes = encode(["Värde;Text;Kön", ...rows, "Källa: test"].join("\r\n") + "\r\n", "windows-1252");
    const r = inspectBytes(bytes, "många.csv", { referenceYear: YEAR, chunkBytes: 7 });
    expect(r).toStrictEqual(inspectWhole(bytes, "många.csv"));
    expect(r.dataRows).toBe(DISTINCT_CAP + 300);
    expect(r.skippedLines).toEqual([{ line: DISTINCT_CAP + 302, kind: "footer" }]);
    expect(r.columns[0]).toMatchObject({ distinct: DISTINCT_CAP, distinctCapped: true, examples: ["v0", "v1", "v2"] });
    expect(r.columns[1].examples[0]).toBe(`Lång text nummer 1 ${"x".repeat(61)}…`);
    expect(r.columns[1].missing).toBe(Math.floor((DISTINCT_CAP + 299) / 7) + 1);
    expect(r.columns[2]).toMatchObject({ inferredType: "gender", distinct: 2, distinctCapped: false });
  });

  it("a decode problem found in a late window is the whole-file error, with its line and byte", () => {
    const good = Array.from({ length: 50 }, (_, k) => `rad ${k};ö`).join("\n");
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from(`A;B\n${good}\nsista;`, "utf8"), 0xf6, 0x0a]);
    const whole = outcome(() => inspectWhole(bytes, "bom.csv"));
    expect(whole).toHaveProperty("error");
    expect(outcome(() => inspectBytes(bytes, "bom.csv", { chunkBytes: 5 }))).toStrictEqual(whole);
    expect((whole as { error: string }).error).toContain(`ogiltig UTF-8 på rad 52, byte ${bytes.length - 2}`);
  });
});
