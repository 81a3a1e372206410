import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { cellHoldsIdentityNumber } from "../../src/guard/cell-check.ts";
import { containsIdentityNumberShape, findIdentityNumbers } from "../../src/guard/identity-numbers.ts";
import { LoadError, loadBytes } from "../../src/schema/load.ts";
import { kinds } from "../../src/sources/index.ts";
import { participantsSchema } from "../../src/sources/participants.ts";
import { KEY } from "../read/helpers.ts";
import { ROOT } from "../report/helpers.ts";
import { participantsWithIdentityNumbers, type Injected } from "./fixture.ts";

const OPTS = { name: "deltagare.csv", pseudonymKey: KEY, referenceYear: 2024 };

/** Nothing of any injected number in a text: not as written, not its digits in a row, no shape at all. */
function expectNothingOf(injected: readonly Injected[], text: string): void {
  const digitsOnly = text.replace(/[^0-9]/g, "");
  for (const inj of injected) {
    expect(text.includes(inj.written)).toBe(false);
    expect(digitsOnly.includes(inj.digits.slice(2))).toBe(false);
  }
  expect(findIdentityNumbers(text)).toEqual([]);
  expect(containsIdentityNumberShape(text)).toBe(false);
}

function loadError(bytes: Uint8Array): LoadError {
  try {
    loadBytes(participantsSchema, bytes, OPTS);
  } catch (e) {
    if (e instanceof LoadError) return e;
    throw e;
  }
  throw new Error("the load did not fail");
}

describe("load-time check for identity numbers outside the identity-number column", () => {
  const fixture = participantsWithIdentityNumbers();

  it("the fixture holds every written form, in free text, names, codes, numbers and dates", () => {
    expect(fixture.injected.length).toBe(37);
    expect(new Set(fixture.injected.map((i) => i.column))).toEqual(
      new Set(["Avslutsorsak detalj", "Insats", "Utförare", "Enhet", "Remitterande myndighet", "Kön", "Födelseår", "Slutdatum", "Beslutsdatum", "Startdatum"]),
    );
    // Each injected value really is an identity number by the guard's own rule.
    for (const inj of fixture.injected) expect(cellHoldsIdentityNumber(inj.written), inj.written).toBe(true);
  });

  it("a strict load fails and names file, line and column of every cell, never the value", () => {
    const err = loadError(fixture.bytes);
    const report = err.report;
    const found = report.errors.map((e) => ({ line: e.line, column: e.column, kind: e.kind }));
    expect(found).toEqual(fixture.injected.map((i) => ({ line: i.line, column: i.column, kind: i.kind })));
    expect(report.errorsByKind).toEqual({ "identity-number": 33, integer: 1, date: 3 });
    for (const e of report.errors) {
      expect(e.message.startsWith(`deltagare.csv:${e.line}: column "${e.column}"`)).toBe(true);
      if (e.kind === "identity-number") {
        expect(e.value).toBeUndefined();
        expect(e.message).toContain("cellen innehåller ett personnummer eller samordningsnummer, värdet visas inte");
      }
    }
    // A number typed into a number or date column is a type error whose value is masked.
    const typed = report.errors.filter((e) => e.kind === "date" || e.kind === "integer");
    expect(typed.map((e) => [e.column, e.value])).toEqual([
      ["Födelseår", "[personnummer dolt]"],
      ["Slutdatum", "[personnummer dolt]"],
      ["Beslutsdatum", "[personnummer dolt]"],
      ["Startdatum", "[personnummer dolt]"],
    ]);
    expect(err.message).toContain(`deltagare.csv:${fixture.injected[0].line}: column "Avslutsorsak detalj"`);
    expectNothingOf(fixture.injected, err.message);
    expectNothingOf(fixture.injected, JSON.stringify(report));
  });

  it("a lenient load quarantines exactly those rows, and no loaded value holds a number", () => {
    const { table, report } = loadBytes(participantsSchema, fixture.bytes, { ...OPTS, mode: "lenient" });
    expect(report.quarantinedLines).toEqual(fixture.injected.map((i) => i.line));
    expect(report.rowsAccepted).toBe(report.rowsRead - fixture.injected.length);
    const cells: string[] = [];
    for (const name of table.columnNames()) for (const v of Array.from(table.array(name) as ArrayLike<unknown>)) if (typeof v === "string") cells.push(v);
    expect(cells.length).toBeGreaterThan(10_000);
    expectNothingOf(fixture.injected, cells.join("\n"));
  });

  it("the sample exports load without a single identity-number problem (no false positives)", () => {
    for (const schema of Object.values(kinds)) {
      const file = path.join(ROOT, "data/sample", schema.fileName);
      const bytes = new Uint8Array(readFileSync(file));
      const { report } = loadBytes(schema, bytes, { ...OPTS, name: schema.fileName, mode: "lenient" });
      expect(report.rowsRead, schema.fileName).toBeGreaterThan(0);
      expect(report.errorsByKind["identity-number"], schema.fileName).toBeUndefined();
    }
  });

  it("a number column's numbers are numbers, not text: ten digits that form a valid identity number load", () => {
    const d10 = "8112189876"; // Skatteverket's example without separator
    const csv = `Personnummer;Födelseår;Insats;Startdatum;Avslutsorsak detalj\n19811218-9876;${d10};IPS;2023-01-16;flytt\n19811218-9876;1981;IPS ${d10};2023-01-16;flytt\n`;
    const { table, report } = loadBytes(participantsSchema, new TextEncoder().encode(csv), { ...OPTS, mode: "lenient" });
    expect(report.errors.map((e) => [e.line, e.column, e.kind])).toEqual([[3, "Insats", "identity-number"]]);
    expect(Array.from(table.array("birthYear") as Float64Array)).toEqual([8112189876]);
  });

  it("a text value is checked once per distinct value, and every row that holds it is caught", () => {
    const d10 = "8112189876";
    const rows = ["IPS", `IPS ${d10}`, "IPS", `IPS ${d10}`, ` IPS ${d10} `, `IPS ${d10}`, "IPS", `\u00a0IPS ${d10}`]
      .map((insats) => `19811218-9876;${insats};2023-01-16;flytt\n`).join("");
    const csv = `Personnummer;Insats;Startdatum;Avslutsorsak detalj\n${rows}`;
    const { table, report } = loadBytes(participantsSchema, new TextEncoder().encode(csv), { ...OPTS, mode: "lenient" });
    expect(report.errors.map((e) => [e.line, e.column, e.kind])).toEqual([3, 5, 6, 7, 9].map((line) => [line, "Insats", "identity-number"]));
    expect(table.array("programme")).toEqual(["IPS", "IPS", "IPS"]);
  });

  it("an Excel workbook's text cells are checked the same way, located by sheet and cell", () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ["Personnummer", "Insats", "Startdatum", "Avslutsorsak detalj"],
      ["19811218-9876", "IPS", "2023-01-16", "flytt"],
      ["19811218-9876", "IPS", "2023-01-16", `ring ${fixture.injected[4].written}`],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, "Blad1");
    const bytes = new Uint8Array(XLSX.write(wb, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
    let err: unknown;
    try {
      loadBytes(participantsSchema, bytes, { ...OPTS, name: "deltagare.xlsx" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LoadError);
    const report = (err as LoadError).report;
    expect(report.errors.map((e) => [e.line, e.column, e.kind])).toEqual([[3, "Avslutsorsak detalj", "identity-number"]]);
    expect((err as Error).message).toContain("D3");
    expectNothingOf(fixture.injected, (err as Error).message + JSON.stringify(report));
  });

  it("a number with invisible characters inside, typed into a date, number, yes/no or code column, is masked in the error", () => {
    const p = "198112189876";
    // Soft hyphen, zero-width space, left-to-right mark, a vertical tab (a control character).
    const hidden = [`${p.slice(0, 4)}\u00ad${p.slice(4, 8)}-${p.slice(8)}`, `${p.slice(0, 8)}\u200b-${p.slice(8)}`, `${p.slice(2, 8)}\u200e-${p.slice(8)}`, `${p.slice(0, 8)}-\u000b${p.slice(8)}`];
    const header = "Personnummer;Födelseår;Insats;Startdatum;Avslutsorsak;Funktionsnedsättning";
    const rows = hidden.flatMap((h) => [
      `19900803-0489;1990;IPS;${h};;ja`,
      `19900803-0489;${h};IPS;2023-01-02;;ja`,
      `19900803-0489;1990;IPS;2023-01-02;${h};ja`,
      `19900803-0489;1990;IPS;2023-01-02;;${h}`,
    ]);
    const err = loadError(new Uint8Array(Buffer.from([header, ...rows].join("\n") + "\n", "utf8")));
    expect(err.report.errors.map((e) => [e.line, e.kind, e.value])).toEqual(
      [2, 6, 10, 14].flatMap((l) => [[l, "date", "[personnummer dolt]"], [l + 1, "integer", "[personnummer dolt]"], [l + 2, "code", "[personnummer dolt]"], [l + 3, "boolean", "[personnummer dolt]"]]),
    );
    const seen = (t: string) => t.replace(/[\u00ad\u200b\u200e\u000b]|\\u000b/g, "");
    for (const text of [err.message, JSON.stringify(err.report)]) {
      expect(seen(text)).not.toContain(p.slice(2, 8));
      expect(containsIdentityNumberShape(seen(text))).toBe(false);
    }
  });

  it("an export saved without its header row: its first row's identity number is masked in the report and messages", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "utfall-headerless-"));
    try {
      const mappingFile = path.join(dir, "mappning.json");
      writeFileSync(mappingFile, JSON.stringify({ provider: { value: "AME" } }));
      const bytes = new Uint8Array(Buffer.from("19900803-0489;K;IPS;2023-01-01\n19670424-8450;M;IPS;2023-01-02\n", "utf8"));
      // Read as it is, and through a reshaping mapping (which keeps a header of its own).
      for (const extra of [{}, { mappingFile }]) {
        let err: LoadError | null = null;
        try {
          loadBytes(participantsSchema, bytes, { ...OPTS, ...extra });
        } catch (e) {
          if (!(e instanceof LoadError)) throw e;
          err = e;
        }
        expect(err).not.toBeNull();
        expect(err!.report.header).toEqual(["[personnummer dolt]", "K", "IPS", "2023-01-01"]);
        for (const text of [err!.message, JSON.stringify(err!.report)]) {
          expect(text).not.toContain("0803");
          expect(containsIdentityNumberShape(text)).toBe(false);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("invisible characters inside a number do not hide it", () => {
    expect(cellHoldsIdentityNumber("ring 1981\u00ad1218-9876")).toBe(true);
    expect(cellHoldsIdentityNumber("ring 811218\u200f-9876")).toBe(true);
    expect(cellHoldsIdentityNumber("ring 19811218-\u00079876")).toBe(true);
    expect(cellHoldsIdentityNumber("ring 19811218\u200b-9876")).toBe(true);
    expect(cellHoldsIdentityNumber("ring 19811218-9875")).toBe(false); // wrong check digit
    expect(cellHoldsIdentityNumber("Jobbspåret")).toBe(false);
  });
});
