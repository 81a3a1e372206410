/**
 * A mapping that reshapes (a constant, an unpivot) reports what the rewritten table cannot show as
 * the plain load reports it, at the export's own lines: rows with too many or too few fields or an
 * unbalanced quote (never accepted silently), and a NUL character (its own line and byte).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LoadError, loadBytes, type LoadOptions, type LoadReport } from "../../src/schema/load.ts";
import { koladaSchema } from "../../src/sources/kolada.ts";
import { participantsSchema } from "../../src/sources/participants.ts";
import { bytes, KEY, makePnr } from "../read/helpers.ts";
import { tempDir } from "../temp-dirs.ts";
import { PXWEB_MAPPING } from "./mappings.ts";

const dir = tempDir("utfall-reshape-faults-");
function mappingFile(name: string, json: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(json));
  return file;
}
/** One constant for a column the exports lack: the mapping reshapes, every other column is read as it is. */
const CONSTANT = mappingFile("constant.json", { provider: { value: "AME" } });

const P = makePnr("19900803", "048");
const HEADER = "Personnummer;Insats;Startdatum;Avslutsorsak detalj";

type Outcome = { failure: string | null; report: LoadReport; endDetail: unknown[] | null; provider: unknown[] | null };

function load(input: Uint8Array, opts: LoadOptions): Outcome {
  try {
    const { table, report } = loadBytes(participantsSchema, input, { pseudonymKey: KEY, referenceYear: 2024, ...opts });
    return { failure: null, report, endDetail: table.array("endDetail") as unknown[], provider: table.array("provider") as unknown[] };
  } catch (e) {
    if (!(e instanceof LoadError)) throw e;
    return { failure: e.message, report: e.report, endDetail: null, provider: null };
  }
}

/** What must be the same with and without the mapping. */
function located(o: Outcome) {
  const r = o.report;
  return {
    failure: o.failure,
    errors: r.errors.map((e) => ({ kind: e.kind, line: e.line, column: e.column, message: e.message })),
    errorsByKind: r.errorsByKind,
    counts: { read: r.rowsRead, accepted: r.rowsAccepted, quarantined: r.rowsQuarantined, physical: r.physicalLines, data: r.dataLines },
    quarantinedLines: r.quarantinedLines,
    ok: r.ok,
  };
}

describe("rows that cannot be read, through a reshaping mapping", () => {
  // Line 3: a fifth, non-empty field; line 4: a quote never closed; line 5: junk after a closing
  // quote; line 6: too few fields; line 7: an unbalanced quote and too few fields.
  const csv = bytes([
    HEADER,
    `${P};IPS;2023-01-01;a`,
    `${P};IPS;2023-01-02;b;EXTRA`,
    `${P};IPS;2023-01-03;"öppen citat`,
    `${P};"IPS"x;2023-01-04;d`,
    `${P};IPS`,
    `${P};"IPS;2023-01-05`,
    `${P};IPS;2023-01-06;f;`,
  ].join("\n") + "\n");
  const expected = [
    { kind: "field-count", line: 3, column: "", message: "<bytes>:3: expected 4 fields (found 5)" },
    { kind: "unbalanced-quote", line: 4, column: "", message: "<bytes>:4: expected a closing quote (a quote opened on line 4 is not closed properly; the row was read up to the end of its line, later rows are not affected)" },
    { kind: "unbalanced-quote", line: 5, column: "", message: "<bytes>:5: expected a closing quote (a quote opened on line 5 is not closed properly; the row was read up to the end of its line, later rows are not affected)" },
    { kind: "field-count", line: 6, column: "", message: "<bytes>:6: expected 4 fields (found 2)" },
    { kind: "unbalanced-quote", line: 7, column: "", message: "<bytes>:7: expected a closing quote (a quote opened on line 7 is not closed properly; the row was read up to the end of its line, later rows are not affected)" },
    { kind: "field-count", line: 7, column: "", message: "<bytes>:7: expected 4 fields (found 3)" },
  ];

  it("strict: the load fails naming each line, as without the mapping", () => {
    const plain = load(csv, {});
    const mapped = load(csv, { mappingFile: CONSTANT });
    expect(located(plain).errors).toEqual(expected);
    expect(located(mapped)).toEqual(located(plain));
    expect(mapped.failure!.split("\n")[0]).toBe("<bytes>: 6 problem(s) in 5 of 7 rows (strict mode; use lenient mode to quarantine bad rows)");
    expect(mapped.report.errorsByKind).toEqual({ "field-count": 3, "unbalanced-quote": 3 });
  });

  it("lenient: those rows are quarantined, the others loaded with the constant; rows read = accepted + quarantined", () => {
    const plain = load(csv, { mode: "lenient" });
    const mapped = load(csv, { mode: "lenient", mappingFile: CONSTANT });
    expect(located(mapped)).toEqual(located(plain));
    expect(mapped.report.errors.map((e) => [e.kind, e.line])).toEqual(expected.map((e) => [e.kind, e.line]));
    expect(located(mapped).counts).toEqual({ read: 7, accepted: 2, quarantined: 5, physical: 8, data: 7 });
    expect(mapped.report.quarantinedLines).toEqual([3, 4, 5, 6, 7]);
    expect(mapped.endDetail).toEqual(["a", "f"]);
    expect(mapped.provider).toEqual(["AME", "AME"]);
  });

  it("lists at most maxErrors problems, as without the mapping, and counts them all", () => {
    for (const maxErrors of [1, 4, 5]) {
      const plain = load(csv, { mode: "lenient", maxErrors });
      const mapped = load(csv, { mode: "lenient", mappingFile: CONSTANT, maxErrors });
      expect(mapped.report.errors.length).toBe(maxErrors);
      expect(mapped.report.errorsTruncated).toBe(true);
      expect(mapped.report.errors.map((e) => [e.kind, e.line])).toEqual(plain.report.errors.map((e) => [e.kind, e.line]));
      expect(mapped.report.errorsByKind).toEqual({ "field-count": 3, "unbalanced-quote": 3 });
    }
  });

  it("the same in tiny windows and with CRLF line ends", () => {
    const crlf = bytes(Buffer.from(csv).toString("utf8").replace(/\n/g, "\r\n"));
    const mapped = load(crlf, { mode: "lenient", mappingFile: CONSTANT, chunkBytes: 5 });
    expect(located(mapped)).toEqual(located(load(crlf, { mode: "lenient" })));
    expect(mapped.report.errors.map((e) => [e.kind, e.line])).toEqual(expected.map((e) => [e.kind, e.line]));
  });

  it("a file with only good rows loads as before", () => {
    const good = bytes(`${HEADER}\n${P};IPS;2023-01-01;a\n${P};IPS;2023-01-02;b;\n`);
    const mapped = load(good, { mappingFile: CONSTANT });
    expect(mapped.failure).toBeNull();
    expect(located(mapped).counts).toEqual({ read: 2, accepted: 2, quarantined: 0, physical: 3, data: 2 });
    expect(mapped.endDetail).toEqual(["a", "b"]);
  });

  it("an unpivot quarantines such a row once, at its own line, and reads the others", () => {
    const wide = mappingFile("wide.json", PXWEB_MAPPING);
    const text = ["region;2020;2021", "0180 Stockholm;1;2", "1980 Västerås;3;4;5", '1280 Malmö;"6;7', "2480 Umeå;8;9", ""].join("\n");
    const { table, report } = loadBytes(koladaSchema, bytes(text), { name: "px.csv", mappingFile: wide, mode: "lenient" });
    expect(report.errors.map((e) => [e.kind, e.line, e.message])).toEqual([
      ["field-count", 3, "px.csv:3: expected 3 fields (found 4)"],
      ["unbalanced-quote", 4, "px.csv:4: expected a closing quote (a quote opened on line 4 is not closed properly; the row was read up to the end of its line, later rows are not affected)"],
    ]);
    expect([report.rowsRead, report.rowsAccepted, report.rowsQuarantined]).toEqual([6, 4, 2]);
    expect(report.quarantinedLines).toEqual([3, 4]);
    expect(table.select("municipalityId", "period", "value").objects()).toEqual([
      { municipalityId: "0180", period: 2020, value: 1 },
      { municipalityId: "0180", period: 2021, value: 2 },
      { municipalityId: "2480", period: 2020, value: 8 },
      { municipalityId: "2480", period: 2021, value: 9 },
    ]);
  });
});

describe("a NUL character, through a reshaping mapping", () => {
  const text = `Deltagare 2023\nKälla: Procapita\n\n${HEADER}\n${P};IPS;2023-01-01;a\n${P};IPS;2023-01-02;b\0c\n`;
  const nul = bytes(text);

  it("is reported at the export's own line and byte, as without the mapping", () => {
    expect(Buffer.from(nul).indexOf(0)).toBe(146);
    for (const mode of ["strict", "lenient"] as const) {
      const plain = load(nul, { mode });
      const mapped = load(nul, { mode, mappingFile: CONSTANT });
      expect(located(mapped)).toEqual(located(plain));
      expect(mapped.failure!.split("\n")[0]).toBe(
        "<bytes>: NUL-tecken på rad 6, byte 146 (räknat från 0) (NUL byte at line 6, byte offset 146); filen kan vara UTF-16 utan byte order mark, eller skadad (the file may be UTF-16 without a byte order mark, or damaged)",
      );
      expect(mapped.report.errors.map((e) => [e.kind, e.line])).toEqual([["encoding", 6]]);
      expect(located(mapped).counts).toEqual({ read: 2, accepted: 0, quarantined: 2, physical: 6, data: 2 });
    }
  });

  it("fails the load also where the rewritten table would not hold it (a title line, a header name)", () => {
    for (const [at, line] of [[3, 1], [text.indexOf("Insats"), 4]] as const) {
      const input = bytes(text.replace("\0", "").slice(0, at) + "\0" + text.replace("\0", "").slice(at));
      const plain = load(input, { mode: "lenient" });
      const mapped = load(input, { mode: "lenient", mappingFile: CONSTANT, chunkBytes: 7 });
      expect(plain.report.errors[0]).toMatchObject({ kind: "encoding", line });
      expect(located(mapped)).toEqual(located(plain));
    }
  });
});
