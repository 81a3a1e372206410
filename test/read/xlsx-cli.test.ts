/** `utfall inspect` and `utfall validate` on .xlsx files (and a reshaping mapping file), in process. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { bytes } from "./helpers.ts";
import { P1, P2, P3, ROWS, workbook } from "./xlsx-fixture.ts";
import { tempDir } from "../temp-dirs.ts";

const dir = tempDir("utfall-xlsx-cli-");
fs.writeFileSync(path.join(dir, "deltagare.xlsx"), workbook({ Blad1: ROWS.map(([cells]) => cells), Blad2: [["Personnummer", "Insats", "Startdatum"], [P2, "IPS", "2023-05-02"]] }));
fs.writeFileSync(path.join(dir, "deltagare.csv"), bytes(ROWS.map(([, line]) => line).join("\r\n") + "\r\n"));

async function run(argv: string[]) {
  const io = memoryIo({ cwd: dir, env: {} });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const noPnr = (s: string) => {
  for (const p of [P1, P2, P3]) {
    expect(s).not.toContain(p);
    expect(s).not.toContain(p.replace("-", "").slice(2));
  }
};

describe("utfall inspect on .xlsx", () => {
  it("lists the sheet's real columns and types, not zip bytes; title and footer rows are skipped", async () => {
    const r = await run(["inspect", "deltagare.xlsx", "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.header).toEqual(["Personnummer", "Insats", "Utförare", "Startdatum", "Slutdatum", "Avslutsorsak", "Funktionsnedsättning", "Antal timmar"]);
    expect(j.sheet).toBe("Blad1");
    expect(j.sheets).toEqual(["Blad1", "Blad2"]);
    expect(j.headerLine).toBe(2);
    expect(j.skippedLines).toEqual([{ line: 1, kind: "title" }, { line: 7, kind: "footer" }]);
    expect(j.bytes).toBe(fs.statSync(path.join(dir, "deltagare.xlsx")).size);
    expect(j.kindGuess.kind).toBe("participants");
    const types = Object.fromEntries(j.columns.map((c: { header: string; inferredType: string }) => [c.header, c.inferredType]));
    expect(types).toMatchObject({ Personnummer: "pnr", Slutdatum: "date", "Antal timmar": "decimal" });
    const csv = JSON.parse((await run(["inspect", "deltagare.csv", "--json"])).out);
    expect(j.columns).toEqual(csv.columns);
    noPnr(r.out);
  });

  it("--sheet picks another sheet; an unknown sheet is a usage error (exit 2, nothing on stdout)", async () => {
    const r = await run(["inspect", "deltagare.xlsx", "--sheet", "Blad2", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ sheet: "Blad2", headerLine: 1, dataRows: 1 });
    const human = await run(["inspect", "deltagare.xlsx"]);
    expect(human.out).toContain("xlsx (Excel), blad (sheet) Blad1 av Blad1, Blad2");
    const bad = await run(["inspect", "deltagare.xlsx", "--sheet", "Blad9"]);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe("");
    expect(bad.err).toContain("bladet \"Blad9\" finns inte (no such sheet)");
  });
});

describe("utfall validate on .xlsx", () => {
  it("gives the CSV twin's verdict with problems located as Blad1!D5 (rad 5)", async () => {
    const x = await run(["validate", "deltagare.xlsx", "--kind", "participants", "--json"]);
    const c = await run(["validate", "deltagare.csv", "--kind", "participants", "--json"]);
    expect(x.code).toBe(1);
    expect(c.code).toBe(1);
    const xj = JSON.parse(x.out);
    const cj = JSON.parse(c.out);
    expect(xj.status).toBe("quarantined");
    expect(xj.report.rowsAccepted).toBe(cj.report.rowsAccepted);
    expect(xj.report.errors.map((e: { cell: string; line: number }) => [e.cell, e.line])).toEqual([["Blad1!D5", 5], ["Blad1!F6", 6]]);
    expect(xj.report.sheet).toBe("Blad1");
    const human = await run(["validate", "deltagare.xlsx", "--kind", "participants"]);
    expect(human.out).toContain('deltagare.xlsx:Blad1!D5 (rad 5): kolumn "Startdatum" (start): väntade ett datum (ÅÅÅÅ-MM-DD eller ÅÅÅÅMMDD) (expected a date');
    noPnr(x.out + human.out);
  });

  it("--sheet: a clean sheet passes; an unknown one is a usage error", async () => {
    const ok = await run(["validate", "deltagare.xlsx", "--kind", "participants", "--sheet", "Blad2"]);
    expect(ok.code).toBe(0);
    const bad = await run(["validate", "deltagare.xlsx", "--kind", "participants", "--sheet", "Nej"]);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe("");
  });

  it("a reshaping mapping file (constants and unpivot) is applied by validate too", async () => {
    fs.writeFileSync(path.join(dir, "px.csv"), bytes('"region","2021","2022"\r\n"1980 Västerås",31,29\r\n', "windows-1252"));
    fs.writeFileSync(path.join(dir, "px.json"), JSON.stringify({
      kpi: { value: "N03926" }, gender: { value: "T" },
      municipalityId: { header: "region", part: "first" }, municipality: { header: "region", part: "rest" },
      unpivot: { columns: "years", key: "year", value: "value" },
    }));
    const r = await run(["validate", "px.csv", "--kind", "kolada", "--mapping", "px.json", "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).report).toMatchObject({ rowsRead: 2, rowsAccepted: 2, encoding: "windows-1252", headerLine: 1 });
  });
});
