/**
 * Property (issue 11 §1): a reshaping mapping (constants, parts of a cell, unpivot) reads the
 * export in windows, like the loader: the bytes cut into tiny windows (records, quoted line
 * breaks, UTF-8 sequences, UTF-16 code units and CRLF pairs cut anywhere) give exactly the table,
 * load report and errors of reading them in one window — for every delimiter, line break,
 * encoding, title, blank and footer line, bad cell and decode problem.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { encode, type Encoding } from "../../src/read/encoding.ts";
import { TextTableWriter, utf8 } from "../../src/read/text-table.ts";
import { LoadError, loadBytes, loadFile, type Loaded } from "../../src/schema/load.ts";
import type { Schema } from "../../src/schema/types.ts";
import { koladaSchema } from "../../src/sources/kolada.ts";
import { participantsSchema } from "../../src/sources/index.ts";
import { KEY } from "../read/helpers.ts";
import { PXWEB_MAPPING } from "./mappings.ts";
import { encodeExport, exportArb, exportBytes } from "./random-export.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "utfall-reshape-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function mappingFile(name: string, json: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(json));
  return file;
}

/** Years as columns, constants and one header feeding two fields (a PxWeb download). */
const WIDE = mappingFile("wide.json", PXWEB_MAPPING);
/** A participants export with a constant and a part of a cell (no unpivot). */
const PARTS = mappingFile("parts.json", {
  birthYear: { value: "1990" },
  provider: { header: "Utförare", part: "first" },
  unit: { header: "Utförare", part: "rest" },
});

/** What a load gave: the table's columns, or the failure (with the report when there is one). */
function outcome<S extends Schema>(load: () => Loaded<S>): unknown {
  try {
    return loaded(load());
  } catch (e) {
    return failed(e);
  }
}

async function outcomeOf<S extends Schema>(load: () => Promise<Loaded<S>>): Promise<unknown> {
  try {
    return loaded(await load());
  } catch (e) {
    return failed(e);
  }
}

function loaded<S extends Schema>({ table, report }: Loaded<S>): unknown {
  const columns: Record<string, unknown[]> = {};
  for (const name of table.columnNames()) columns[name] = Array.from(table.array(name) as ArrayLike<unknown>);
  return { columns, report };
}

function failed(e: unknown): unknown {
  if (e instanceof LoadError) return { failure: e.message, report: e.report };
  if (e instanceof Error) return { error: e.name, message: e.message };
  throw e;
}

const wideArb = fc.record({
  years: fc.integer({ min: 1, max: 4 }),
  rows: fc.array(
    fc.record({
      region: fc.constantFrom("0180 Stockholm", "1980 Västerås", "1280 Malmö", "2480 Umeå – centrala", "0380", " 0581 Norrköping "),
      values: fc.array(fc.constantFrom("31234", "4 650", "..", "-", "", "20 t", "12,5", "3.5", '"rad\nbrytning"'), { minLength: 0, maxLength: 6 }),
      blankBefore: fc.boolean(),
    }),
    { maxLength: 20 },
  ),
  delimiter: fc.constantFrom(";", ",", "\t"),
  eol: fc.constantFrom("\r\n", "\n", "\r"),
  encoding: fc.constantFrom<Encoding>("utf-8", "utf-8-bom", "windows-1252", "utf-16le", "utf-16be"),
  title: fc.boolean(),
  footer: fc.constantFrom("", "Källa: SCB, Arbetsförmedlingen", "© SCB"),
  finalEol: fc.boolean(),
  oddByte: fc.constantFrom(false, false, false, true),
});

function wideBytes(e: typeof wideArb extends fc.Arbitrary<infer T> ? T : never): Uint8Array {
  const d = e.delimiter;
  const q = (v: string) => (/["\r\n]/.test(v) || v.includes(d) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines: string[] = [];
  if (e.title) lines.push(q("Öppet arbetslösa 16–64 år efter region och år"), "");
  lines.push(["region", ...Array.from({ length: e.years }, (_, k) => String(2020 + k))].map(q).join(d));
  for (const r of e.rows) {
    if (r.blankBefore) lines.push("");
    lines.push([q(r.region), ...r.values.map((v) => (v.startsWith('"') ? v : q(v)))].join(d));
  }
  if (e.footer !== "") lines.push("", q(e.footer));
  const text = lines.join(e.eol).replace(/\r\n|\n|\r/g, e.eol) + (e.finalEol ? e.eol : "");
  return encodeExport(text, e.encoding, e.oddByte);
}

describe("reshaping mappings read the export in windows", () => {
  it("tiny windows give the table, report and errors of one window (unpivot of a wide file)", () => {
    fc.assert(
      fc.property(wideArb, fc.integer({ min: 1, max: 40 }), fc.constantFrom("strict" as const, "lenient" as const), (e, chunkBytes, mode) => {
        const bytes = wideBytes(e);
        const opts = { name: "px.csv", mappingFile: WIDE, mode };
        const whole = outcome(() => loadBytes(koladaSchema, bytes, opts));
        expect(outcome(() => loadBytes(koladaSchema, bytes, { ...opts, chunkBytes }))).toStrictEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it("tiny windows give the table, report and errors of one window (constants and parts of participant exports)", () => {
    fc.assert(
      fc.property(exportArb, fc.integer({ min: 1, max: 40 }), fc.constantFrom("strict" as const, "lenient" as const), (e, chunkBytes, mode) => {
        const bytes = exportBytes(e);
        const opts = { name: "deltagare.csv", mappingFile: PARTS, mode, pseudonymKey: KEY, referenceYear: 2024 };
        const whole = outcome(() => loadBytes(participantsSchema, bytes, opts));
        expect(outcome(() => loadBytes(participantsSchema, bytes, { ...opts, chunkBytes }))).toStrictEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it("loadFile reads the file itself in windows through the mapping: the same as the bytes in memory", async () => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(wideArb, fc.integer({ min: 1, max: 40 }), async (e, chunkBytes) => {
        const bytes = wideBytes(e);
        const file = path.join(dir, `export-${k++}.csv`);
        fs.writeFileSync(file, bytes);
        const opts = { name: "px.csv", mappingFile: WIDE, mode: "lenient" as const };
        const fromBytes = outcome(() => loadBytes(koladaSchema, bytes, opts));
        expect(await outcomeOf(() => loadFile(koladaSchema, file, { ...opts, chunkBytes }))).toStrictEqual(fromBytes);
      }),
      { numRuns: 60 },
    );
  });

  it("a wide file in 3-byte windows: long rows at the file's own lines and year columns", () => {
    const text = ['"Titel"', "", "region;2020;2021", '0180 Stockholm;"1\n2";5', "1980 Västerås;..;20 t", "", "Källa: SCB", ""].join("\r\n");
    const bytes = encode(text, "utf-16le");
    const { table, report } = loadBytes(koladaSchema, bytes, { name: "px.csv", mappingFile: WIDE, mode: "lenient", chunkBytes: 3 });
    expect(table.select("municipalityId", "municipality", "period", "value", "status").objects()).toEqual([
      { municipalityId: "0180", municipality: "Stockholm", period: 2021, value: 5, status: "ok" },
      { municipalityId: "1980", municipality: "Västerås", period: 2020, value: NaN, status: "suppressed" },
    ]);
    expect(report).toMatchObject({
      encoding: "utf-16le", delimiter: ";", lineBreak: "\r\n", headerLine: 3, header: ["region", "2020", "2021"],
      physicalLines: 8, rowsRead: 4, rowsAccepted: 2, rowsQuarantined: 2, quarantinedLines: [4, 6],
      skippedLines: [{ line: 1, kind: "title" }, { line: 2, kind: "blank" }, { line: 7, kind: "blank" }, { line: 8, kind: "footer" }],
    });
    expect(report.errors.map((x) => [x.line, x.column, x.kind, x.value])).toEqual([[4, "2020", "decimal", "1\n2"], [6, "2021", "decimal", "20 t"]]);
  });

  it("bare CR line ends are line breaks, as for the loader (the whole-string reshape read one line)", () => {
    const bytes = encode("region;2020;2021\r0180 Stockholm;1;2\r1980 Västerås;3;..\r", "windows-1252");
    const { table, report } = loadBytes(koladaSchema, bytes, { name: "px.csv", mappingFile: WIDE, chunkBytes: 4 });
    expect(table.select("municipalityId", "period", "value", "status").objects()).toEqual([
      { municipalityId: "0180", period: 2020, value: 1, status: "ok" },
      { municipalityId: "0180", period: 2021, value: 2, status: "ok" },
      { municipalityId: "1980", period: 2020, value: 3, status: "ok" },
      { municipalityId: "1980", period: 2021, value: NaN, status: "suppressed" },
    ]);
    expect(report).toMatchObject({ lineBreak: "\r", header: ["region", "2020", "2021"], physicalLines: 3, rowsRead: 4, encoding: "windows-1252" });
  });
});

describe("TextTableWriter keeps the rewritten table as UTF-8 bytes", () => {
  it("its bytes are the UTF-8 of its text, across blocks and with multi-line cells", () => {
    const w = new TextTableWriter();
    expect(w.bytes()).toEqual(new Uint8Array(0));
    expect(w.text()).toBe("");
    const cell = "Västerås – “citat” ".repeat(40);
    for (let k = 0; k < 3000; k++) w.row([String(k), k % 5 === 0 ? "" : cell, k % 7 === 0 ? 'två\nrader "q"' : "x"], k + 1);
    const text = w.text();
    expect(text.split("\n").length).toBe(3000 + 429 + 1); // 429 rows (k = 0, 7, …, 2996) hold a line break
    expect(w.bytes().length).toBeGreaterThan(2 * 2 ** 20);
    expect(Buffer.from(w.bytes()).equals(Buffer.from(utf8(text)))).toBe(true);
    expect(text.startsWith('"0";;"två\nrader ""q"""\n"1";"Västerås')).toBe(true);
    expect(w.lineSource.length).toBe(1 + 3000 + 429);
    // Rows written after the bytes were taken come after them.
    w.row(["sist"], 9999);
    expect(w.text()).toBe(text + '"sist"\n');
  });
});
