import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDate } from "../../src/read/dates.ts";
import { pseudonym } from "../../src/read/pseudonym.ts";
import { LoadError, loadBytes, loadFile } from "../../src/schema/load.ts";
import { participantsSchema } from "../../src/sources/participants.ts";
import { ledgerSchema } from "../../src/sources/ledger.ts";
import { bytes, KEY, makePnr, wrongCheck } from "../read/helpers.ts";
import { tempDir } from "../temp-dirs.ts";

const P1 = makePnr("19850412", "123"); // second-to-last digit 3: man
const P2 = makePnr("19920704", "246"); // 4: woman
const P3 = makePnr("20010101", "117"); // 7: man
const digits = (p: string) => p.replace("-", "");

const HEADER = "Personnummer;Insats;Utförare;Startdatum;Slutdatum;Avslutsorsak;Funktionsnedsättning;Ekonomiskt bistånd";

function participantsText(lines: string[], eol = "\r\n"): string {
  return ["Deltagare i arbetsmarknadsinsatser, Exempelby kommun;;;;;;;", HEADER, ...lines, "Källa: Procapita, uttag 2023-05-02 – €", ""].join(eol);
}

const GOOD = [
  `${P1};JOBBSP;AME Egen regi;2023-01-16;2023-06-30;A;ja;nej`,
  `${P2};IPS;"Lärande; AB";20230201;;;nej;x`,
  `${P3};JOBBSP;"AME ""Egen"" regi\r\nrad två";2023-03-01;2023-04-30;övrigt;;`,
];

describe("loadBytes: a Windows-1252 export with title, footer and quoted fields", () => {
  const loaded = loadBytes(participantsSchema, bytes(participantsText(GOOD), "windows-1252"), { name: "deltagare.csv", pseudonymKey: KEY, referenceYear: 2024 });
  const { table, columns, report } = loaded;

  it("reads every row with its declared types", () => {
    expect(table.numRows()).toBe(3);
    expect(columns.person).toEqual([P1, P2, P3].map((p) => pseudonym(KEY, digits(p))));
    expect(columns.programme).toEqual(["JOBBSP", "IPS", "JOBBSP"]);
    expect(columns.provider).toEqual(["AME Egen regi", "Lärande; AB", 'AME "Egen" regi\r\nrad två']);
    expect(Array.from(columns.start)).toEqual([parseDate("2023-01-16"), Date.UTC(2023, 1, 1), Date.UTC(2023, 2, 1)]);
    expect(columns.end).toBeInstanceOf(Float64Array);
    expect(columns.end[0]).toBe(Date.UTC(2023, 5, 30));
    expect(columns.end[1]).toBeNaN();
    expect(columns.endReason).toEqual(["A", null, "E"]);
    expect(columns.disability).toEqual([true, false, null]);
    // The financial-assistance column uses the tick mark x: empty cells there mean false.
    expect(columns.financialAssistance).toEqual([false, true, false]);
    // Gender and birth year are derived from the identity number (columns absent in the file).
    expect(columns.gender).toEqual(["M", "K", "M"]);
    expect(Array.from(columns.birthYear)).toEqual([1985, 1992, 2001]);
    // Absent optional columns are present in the table, all missing.
    expect(columns.unit).toEqual([null, null, null]);
    expect(Array.from(columns.decisionDate).every(Number.isNaN)).toBe(true);
    expect(table.columnNames()).toEqual(Object.keys(participantsSchema.columns));
  });

  it("reports dialect, skipped lines and a full line account", () => {
    expect(report).toMatchObject({
      file: "deltagare.csv",
      kind: "participants",
      mode: "strict",
      encoding: "windows-1252",
      delimiter: ";",
      lineBreak: "\r\n",
      headerLine: 2,
      skippedLines: [{ line: 1, kind: "title" }, { line: 7, kind: "footer" }],
      physicalLines: 7,
      dataLines: 4,
      rowsRead: 3,
      rowsAccepted: 3,
      rowsQuarantined: 0,
      errors: [],
      ok: true,
      derivedColumns: ["gender", "birthYear"],
      unknownColumns: [],
      pseudonymKeySource: "option",
    });
    expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.columns).toContainEqual({ field: "provider", header: "Utförare" });
    // rowsRead + header + skipped + continuation lines of the two-line record = physical lines.
    expect(report.rowsRead + 1 + report.skippedLines.length + 1).toBe(report.physicalLines);
  });

  it("never keeps the raw identity number anywhere", () => {
    const everything = JSON.stringify({ report, rows: table.objects(), columns, derived: Array.from(columns.birthYear) });
    for (const p of [P1, P2, P3]) {
      expect(everything).not.toContain(p);
      expect(everything).not.toContain(digits(p));
      expect(everything).not.toContain(digits(p).slice(2));
    }
  });
});

describe("strict and lenient mode", () => {
  const bad = [
    `${P1};JOBBSP;AME;2023-01-16;;A;ja;nej`,
    `${wrongCheck(P2)};IPS;AME;2023-02-30;;Q;kanske;nej`,
    `${P3};;AME;2023-03-01;;;;`,
    `${P2};IPS;AME;2023-03-01;;B;nej;ja`,
  ];
  const input = bytes(participantsText(bad, "\n"), "utf-8");

  it("strict: throws LoadError with file, line, column and expected type; personal values are not shown", () => {
    let err: unknown;
    try {
      loadBytes(participantsSchema, input, { name: "deltagare.csv", pseudonymKey: KEY, referenceYear: 2024 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LoadError);
    const e = err as LoadError;
    expect(e.message).toContain('deltagare.csv:4: column "Personnummer" (person): expected a personal identity number');
    expect(e.message).toContain("wrong check digit");
    expect(e.message).toContain('deltagare.csv:4: column "Startdatum" (start): expected a date (YYYY-MM-DD or YYYYMMDD), got "2023-02-30"');
    expect(e.message).toContain('deltagare.csv:4: column "Avslutsorsak" (endReason): expected one of A, B, C, D, E, got "Q"');
    expect(e.message).toContain('column "Funktionsnedsättning" (disability): expected a yes/no value');
    expect(e.message).toContain('deltagare.csv:5: column "Insats" (programme): expected a value (the column is required)');
    const r = e.report;
    expect(r.errors.map((x) => [x.line, x.field, x.kind])).toEqual([
      [4, "person", "pnr"], [4, "start", "date"], [4, "endReason", "code"], [4, "disability", "boolean"], [5, "programme", "required"],
    ]);
    const pnrError = r.errors[0];
    expect(pnrError).not.toHaveProperty("value");
    expect(r.errors[1].value).toBe("2023-02-30");
    expect(r.errorsByKind).toEqual({ pnr: 1, date: 1, code: 1, boolean: 1, required: 1 });
    expect(r.rowsRead).toBe(4);
    expect(r.rowsAccepted + r.rowsQuarantined).toBe(r.rowsRead);
    expect(r.ok).toBe(false);
    const all = JSON.stringify(r) + e.message + String(e.stack);
    for (const p of [P1, P2, P3, wrongCheck(P2)]) {
      expect(all).not.toContain(p);
      expect(all).not.toContain(digits(p));
    }
  });

  it("lenient: quarantines the bad rows, keeps the good ones and accounts for every line", () => {
    const { table, report } = loadBytes(participantsSchema, input, { name: "x.csv", mode: "lenient", pseudonymKey: KEY, referenceYear: 2024 });
    expect(table.numRows()).toBe(2);
    expect(table.array("programme")).toEqual(["JOBBSP", "IPS"]);
    expect(report.rowsRead).toBe(4);
    expect(report.rowsAccepted).toBe(2);
    expect(report.rowsQuarantined).toBe(2);
    expect(report.quarantinedLines).toEqual([4, 5]);
    expect(report.rowsRead + 1 + report.skippedLines.length).toBe(report.physicalLines);
    expect(report.dataLines).toBe(4);
    expect(report.ok).toBe(false);
  });

  it("collects errors up to maxErrors and counts all of them", () => {
    const many = Array.from({ length: 30 }, () => `${P1};JOBBSP;AME;fel;;;;`);
    const { report } = loadBytes(participantsSchema, bytes(participantsText(many)), { mode: "lenient", maxErrors: 5, pseudonymKey: KEY });
    expect(report.errors).toHaveLength(5);
    expect(report.errorsByKind).toEqual({ date: 30 });
    expect(report.errorsTruncated).toBe(true);
    expect(report.rowsQuarantined).toBe(30);
    expect(report.rowsRead).toBe(30);
  });

  it("flags a row with the wrong number of fields", () => {
    const rows = [`${P1};JOBBSP;AME;2023-01-16;;A;ja;nej`, `${P2};IPS;2023-01-16`, `${P3};IPS;AME;2023-01-16;;A;ja;nej;;`];
    const { report, table } = loadBytes(participantsSchema, bytes(participantsText(rows)), { mode: "lenient", pseudonymKey: KEY });
    expect(report.errors.map((e) => [e.line, e.kind, e.expected])).toEqual([[4, "field-count", "8 fields"]]);
    expect(table.numRows()).toBe(2); // trailing empty extra fields are tolerated
  });
});

describe("a bad quote in the middle of the file", () => {
  const rows = [
    `${P1};JOBBSP;AME;2023-01-16;;A;ja;nej`,
    `${P2};IPS;"Lärande AB;2023-02-01;;;nej;nej`,
    `${P3};JOBBSP;AME;2023-03-01;;;ja;ja`,
    `${P1};RESURS;"Jobb ""X"" AB";2023-04-01;;;ja;ja`,
    `${P2};IPS;AME;2023-05-01;;;nej;nej`,
  ];
  const input = bytes(participantsText(rows));

  it("lenient: only the row with the bad quote is quarantined; every later row is kept", () => {
    const { report, table } = loadBytes(participantsSchema, input, { mode: "lenient", pseudonymKey: KEY });
    expect(report.rowsRead).toBe(5);
    expect(report.rowsAccepted).toBe(4);
    expect(report.quarantinedLines).toEqual([4]);
    expect(report.errors[0]).toMatchObject({ line: 4, kind: "unbalanced-quote" });
    expect(table.array("programme")).toEqual(["JOBBSP", "JOBBSP", "RESURS", "IPS"]);
    expect(table.array("provider")).toEqual(["AME", "AME", 'Jobb "X" AB', "AME"]);
    expect(report.physicalLines).toBe(report.rowsRead + 1 + report.skippedLines.length);
  });

  it("strict: the load fails naming the line where the quote opened", () => {
    expect(() => loadBytes(participantsSchema, input, { name: "d.csv", pseudonymKey: KEY })).toThrow(/d\.csv:4: expected a closing quote \(a quote opened on line 4/);
  });
});

describe("header matching", () => {
  const row = `${P1};JOBBSP;2023-01-16;K;1985`;

  it("matches headers ignoring case, accents, spaces, - and _ and lists unknown columns", () => {
    const text = `PERSON-NUMMER;insats;start_datum;KÖN;fodelsear;Extra kolumn\n${row};x\n`;
    const { columns, report } = loadBytes(participantsSchema, bytes(text), { pseudonymKey: KEY });
    expect(report.columns).toEqual([
      { field: "person", header: "PERSON-NUMMER" },
      { field: "gender", header: "KÖN" },
      { field: "birthYear", header: "fodelsear" },
      { field: "programme", header: "insats" },
      { field: "start", header: "start_datum" },
    ]);
    expect(report.unknownColumns).toEqual(["Extra kolumn"]);
    expect(report.derivedColumns).toEqual([]);
    expect(columns.gender).toEqual(["K"]); // read from the file, not derived
    expect(Array.from(columns.birthYear)).toEqual([1985]);
  });

  it("matches English aliases (Gender) and keeps an unknown gender category", () => {
    const text = `Personal identity number;Programme;Start date;Gender\n${P1};JOBBSP;2023-01-16;Annat\n${P2};IPS;2023-01-16;kvinna\n${P3};IPS;2023-01-16;-\n`;
    const { columns } = loadBytes(participantsSchema, bytes(text), { pseudonymKey: KEY });
    expect(columns.gender).toEqual(["annat", "K", null]);
  });

  it("uses a mapping (option or file) for headers the schema does not know", () => {
    const text = `Id-nummer;Aktivitet;Påbörjad\n${P1};JOBBSP;2023-01-16\n`;
    expect(() => loadBytes(participantsSchema, bytes(text), { pseudonymKey: KEY })).toThrow(/required column\(s\) missing: person, programme, start/);
    const mapping = { person: "Id-nummer", programme: "Aktivitet", start: "påbörjad" };
    const viaOption = loadBytes(participantsSchema, bytes(text), { mapping, pseudonymKey: KEY });
    expect(viaOption.report.columns).toEqual([
      { field: "person", header: "Id-nummer" },
      { field: "programme", header: "Aktivitet" },
      { field: "start", header: "Påbörjad" },
    ]);
    const file = path.join(tempDir("utfall-map-"), "mapping.json");
    fs.writeFileSync(file, JSON.stringify(mapping));
    const viaFile = loadBytes(participantsSchema, bytes(text), { mappingFile: file, pseudonymKey: KEY });
    expect(viaFile.columns.programme).toEqual(["JOBBSP"]);
    expect(() => loadBytes(participantsSchema, bytes(text), { mapping: { ...mapping, nosuch: "X" }, pseudonymKey: KEY })).toThrow(/field "nosuch"/);
    expect(() => loadBytes(participantsSchema, bytes(text), { mapping: { ...mapping, unit: "Saknas" }, pseudonymKey: KEY })).toThrow(/no such column/);
  });

  it("fails naming a missing required column, in lenient mode too", () => {
    const text = `Personnummer;Insats\n${P1};JOBBSP\n`;
    try {
      loadBytes(participantsSchema, bytes(text), { mode: "lenient", pseudonymKey: KEY });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LoadError);
      const r = (e as LoadError).report;
      expect(r.errors).toMatchObject([{ kind: "missing-column", field: "start", column: "Startdatum" }]);
      expect((e as LoadError).message).toMatch(/required column\(s\) missing: start/);
      expect(r.rowsRead).toBe(1);
      expect(r.rowsAccepted).toBe(0);
    }
  });

  it("fails on an empty file", () => {
    expect(() => loadBytes(participantsSchema, new Uint8Array(0), { pseudonymKey: KEY })).toThrow(LoadError);
  });
});

describe("loadFile", () => {
  it("reads a file, hashes it and names it in the report", async () => {
    const file = path.join(tempDir("utfall-load-"), "deltagare.csv");
    const content = bytes(participantsText(GOOD), "utf-8-bom");
    fs.writeFileSync(file, content);
    const { report } = await loadFile(participantsSchema, file, { pseudonymKey: KEY, referenceYear: 2024 });
    expect(report.file).toBe(file);
    expect(report.encoding).toBe("utf-8-bom");
    expect(report.bytes).toBe(content.length);
    expect(report.sha256).toBe((await import("node:crypto")).createHash("sha256").update(content).digest("hex"));
    expect(report.rowsAccepted).toBe(3);
  });

  it("resolves the pseudonym key from the injected environment when no key is given", () => {
    const home = tempDir("utfall-home-");
    const text = participantsText([GOOD[0]]);
    const a = loadBytes(participantsSchema, bytes(text), { keySource: { env: { UTFALL_PSEUDONYM_KEY: "abc" }, homeDir: home } });
    expect(a.report.pseudonymKeySource).toBe("env");
    expect(a.columns.person).toEqual([pseudonym(new Uint8Array(Buffer.from("abc")), digits(P1))]);
    const b = loadBytes(participantsSchema, bytes(text), { keySource: { env: {}, homeDir: home } });
    expect(b.report.pseudonymKeySource).toBe("created");
    const c = loadBytes(participantsSchema, bytes(text), { keySource: { env: {}, homeDir: home } });
    expect(c.report.pseudonymKeySource).toBe("file");
    expect(c.columns.person).toEqual(b.columns.person);
  });
});

describe("line accounting with blank lines and footer-like rows", () => {
  it("skips blank lines inside the data as blank, and reads a footer-like row followed by data as a (bad) data row", () => {
    const rows = [`${P1};JOBBSP;AME;2023-01-16;;A;ja;nej`, "", ";;;;;;;", `${P2};IPS;AME;2023-02-01;;;nej;nej`, "Summa;;;;;;;", `${P3};IPS;AME;2023-02-01;;;nej;nej`, "", "Summa;;;;;;;"];
    const { report, table } = loadBytes(participantsSchema, bytes(participantsText(rows)), { mode: "lenient", pseudonymKey: KEY });
    expect(report.skippedLines).toEqual([
      { line: 1, kind: "title" }, { line: 4, kind: "blank" }, { line: 5, kind: "blank" },
      { line: 9, kind: "blank" }, { line: 10, kind: "footer" }, { line: 11, kind: "footer" },
    ]);
    expect(report.rowsRead).toBe(4);
    expect(report.quarantinedLines).toEqual([7]);
    // "Summa;;;;;;;" followed by data is data after all, and a subtotal row: never summed.
    expect(report.errors[0]).toMatchObject({ line: 7, column: "Personnummer", field: "person", kind: "subtotal" });
    expect(report.errors[0].message).toContain("delsumma eller totalrad?");
    expect(table.numRows()).toBe(3);
    expect(report.physicalLines).toBe(11);
    expect(report.rowsRead + 1 + report.skippedLines.length).toBe(report.physicalLines);
  });
});

describe("an identity number in a non-personal column", () => {
  it("never appears in the error, its message or the report", () => {
    const bytes = Buffer.from("Period;Ansvar;Verksamhet;Konto;Budget;Utfall\n2023-01;4510;ekbist;4610;19850412-1234;12\n", "utf8");
    let caught: unknown;
    try {
      loadBytes(ledgerSchema, bytes, { name: "huvudbok.csv" });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(LoadError);
    const err = caught as LoadError;
    expect(err.report.errors).toHaveLength(1);
    expect(err.report.errors[0]).toMatchObject({ line: 2, column: "Budget", field: "budget" });
    const everything = `${err.message}\n${JSON.stringify(err.report)}`;
    expect(everything).not.toContain("19850412-1234");
    expect(everything).not.toContain("850412-1234");
    expect(everything).toContain("[personnummer dolt]");
  });
});
