// tabeller.xlsx read back: every number equals figures.json's, the display formats are the
// Swedish ones, captions and sources sit above a frozen header, and two builds give the same bytes.
import { readFileSync } from "node:fs";
import path from "node:path";
import * as XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import type { FiguresDocument, TableRecord } from "../../src/report/build.ts";
import { formatCell } from "../../src/render/format.ts";
import { workbook } from "../../src/render/xlsx.ts";
import { GOLDEN, text } from "../report/helpers.ts";
import { BUDGET, buildFixture } from "./xlsx-fixture.ts";

const NBSP = "\u00a0";
// The expected codes, written out independently of src/render/xlsx-format.ts.
const SWEDISH_FORMATS: Record<string, string> = {
  integer: "#,##0",
  decimal1: "#,##0.0",
  percent: `0.0\\${NBSP}%`,
  kr: `#,##0"${NBSP}kr"`,
  tkr: `#,##0,"${NBSP}tkr"`,
  mnkr: `#,##0.0,,"${NBSP}mnkr"`,
  deviationMnkr: `"+"#,##0.0,,"${NBSP}mnkr";"\u2212"#,##0.0,,"${NBSP}mnkr";0.0,,"${NBSP}mnkr"`,
  month: "[$-41D]mmmm yyyy",
  date: "yyyy-mm-dd",
};

const read = (bytes: Uint8Array) => XLSX.read(bytes, { type: "array", cellNF: true, cellStyles: true });

/** The 0-based row of a sheet whose cells are exactly the table's column labels. */
function headerRowOf(ws: XLSX.WorkSheet, labels: string[]): number {
  const range = XLSX.utils.decode_range(ws["!ref"]!);
  for (let r = 0; r <= range.e.r; r++) {
    if (labels.every((label, c) => ws[XLSX.utils.encode_cell({ r, c })]?.v === label)) return r;
  }
  throw new Error(`no header row ${JSON.stringify(labels)}`);
}

/** What Excel in a Swedish locale shows: SheetJS renders en-US, so swap the separators. */
function swedishDisplay(code: string, value: number): string {
  return XLSX.SSF.format(code, value).replace(/,/g, NBSP).replace(/\./g, ",");
}

/** A cell's number back in figures.json's unit, computed here without the library's helpers. */
function backToRecordUnit(v: number, format: string): number | string {
  if (["kr", "tkr", "mnkr", "deviationMnkr"].includes(format)) return Math.round(v * 100);
  if (format === "month") return new Date(Math.round((v - 25569) * 86_400_000)).toISOString().slice(0, 7);
  if (format === "date") return Math.round((v - 25569) * 86_400_000);
  return v;
}

/** Checks one table of figures.json against its sheet; returns the number of numeric cells compared. */
function checkTable(wb: XLSX.WorkBook, t: TableRecord): number {
  const ws = wb.Sheets[t.name];
  expect(ws, `sheet ${t.name}`).toBeDefined();
  const h = headerRowOf(ws, t.columns.map((c) => c.label));
  let numbers = 0;
  t.rows.forEach((row, i) => {
    row.forEach((value, c) => {
      const format = t.columns[c].format;
      const cell = ws[XLSX.utils.encode_cell({ r: h + 1 + i, c })] as XLSX.CellObject | undefined;
      const where = `${t.name} row ${i + 1} column ${t.columns[c].label}`;
      if (format === "text") {
        expect(cell?.v ?? null, where).toBe(value === "" ? null : value);
      } else if (value === null) {
        // null in figures.json: suppressed ("..") or missing ("–"), as the HTML table shows it.
        expect(cell?.t, where).toBe("s");
        expect(["..", "\u2013"], where).toContain(cell?.v);
      } else {
        expect(cell?.t, where).toBe("n");
        expect(cell?.z, where).toBe(SWEDISH_FORMATS[format]);
        if (typeof value === "number" && ["kr", "tkr", "mnkr", "deviationMnkr"].includes(format)) {
          // Kronor in the cell, öre in figures.json: equal to the öre (up to float rounding).
          expect(Math.abs((cell!.v as number) * 100 - value), where).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(value)));
        }
        expect(backToRecordUnit(cell!.v as number, format), where).toEqual(value);
        numbers++;
        // The display a Swedish Excel gives is the report's (percent: one more decimal, and
        // SheetJS cannot render a literal before "%"; months: Excel's Swedish names; dates: ISO).
        if (!["percent", "month", "date"].includes(format) && typeof value === "number") {
          const report = formatCell(value, format as never);
          const zeroish = format === "deviationMnkr" && value > 0 && report === `0,0${NBSP}mnkr`;
          expect(swedishDisplay(cell!.z as string, cell!.v as number), where).toBe(zeroish ? `+${report}` : report);
        }
      }
    });
  });
  return numbers;
}

describe("tabeller.xlsx", () => {
  it("read back: every number equals figures.json's, with Swedish display formats; caption and source above the header", async () => {
    const built = await buildFixture();
    const doc = JSON.parse(text(built.files.get("figures.json"))) as FiguresDocument;
    const bytes = built.files.get("tabeller.xlsx");
    expect(bytes).toBeDefined();
    const wb = read(bytes!);
    expect(wb.SheetNames).toEqual(["Innehåll", ...doc.tables.map((t) => t.name), ...doc.charts.map((c) => c.data.name), "Siffror i texten"]);
    let numbers = 0;
    const formats = new Set<string>();
    for (const t of [...doc.tables, ...doc.charts.map((c) => c.data)]) {
      numbers += checkTable(wb, t);
      for (const c of t.columns) formats.add(c.format);
    }
    expect(numbers).toBe(BUDGET.rows.length * (BUDGET.columns.length - 1) + doc.charts[0].data.rows.length);
    for (const f of Object.keys(SWEDISH_FORMATS)) expect(formats).toContain(f);

    // Spot checks in a Swedish Excel's words.
    const ws = wb.Sheets[BUDGET.name];
    const h = headerRowOf(ws, BUDGET.columns.map((c) => c.label));
    const at = (r: number, key: string) => ws[XLSX.utils.encode_cell({ r: h + 1 + r, c: BUDGET.columns.findIndex((c) => c.key === key) })] as XLSX.CellObject;
    expect(at(0, "budget").v).toBe(80_066_666.6); // kronor
    expect(swedishDisplay(at(0, "budget").z as string, at(0, "budget").v as number)).toBe(`80,1${NBSP}mnkr`);
    expect(swedishDisplay(at(1, "deviation").z as string, at(1, "deviation").v as number)).toBe(`\u22121,1${NBSP}mnkr`);
    expect(swedishDisplay(at(0, "deviation").z as string, at(0, "deviation").v as number)).toBe(`+10,8${NBSP}mnkr`);
    expect(swedishDisplay(at(1, "perPlace").z as string, at(1, "perPlace").v as number)).toBe(`1${NBSP}694${NBSP}000${NBSP}kr`);
    expect(swedishDisplay(at(1, "places").z as string, at(1, "places").v as number)).toBe(`1${NBSP}694`);
    expect(swedishDisplay(at(0, "caseload").z as string, at(0, "caseload").v as number)).toBe("16,5");
    expect(at(1, "use").v).toBe(0.52);
    expect(at(1, "use").z).toBe(`0.0\\${NBSP}%`);
    expect(XLSX.SSF.format("yyyy-mm-dd", at(0, "month").v as number)).toBe("2023-04-01");
    expect(swedishDisplay(at(0, "decided").z as string, at(0, "decided").v as number)).toBe("2023-03-15");

    // Caption and source above the header.
    const table = doc.tables[0];
    expect(ws.A1.v).toBe(`Tabell ${table.number}. ${table.caption}`);
    expect(ws.A2.v).toBe(table.note);
    expect(ws.A3).toBeUndefined();
    expect(h).toBe(3);
    const chart = doc.charts[0];
    const cs = wb.Sheets[chart.data.name];
    expect(cs.A1.v).toBe(`Data för diagram ${chart.number}: ${chart.data.caption}`);
    expect(cs.A2.v).toBe(`Källa: ${chart.source}`);

    // The numbers of the running text and key figures, with their formats.
    const fs = wb.Sheets["Siffror i texten"];
    const fh = headerRowOf(fs, ["Id", "Etikett", "Värde", "Visas som"]);
    expect(doc.figures.length).toBe(4);
    doc.figures.forEach((f, i) => {
      const cell = (c: number) => fs[XLSX.utils.encode_cell({ r: fh + 1 + i, c })] as XLSX.CellObject;
      expect(cell(0).v).toBe(f.id);
      expect(cell(3).v).toBe(f.shown);
      expect(cell(2).z).toBe(SWEDISH_FORMATS[f.format]);
      expect(backToRecordUnit(cell(2).v as number, f.format)).toEqual(f.value);
    });
    // Parameters and the list of sheets on the first sheet.
    const contents = XLSX.utils.sheet_to_json<string[]>(wb.Sheets["Innehåll"], { header: 1 }).map((r) => r.join("|"));
    expect(contents[0]).toBe(doc.report.title);
    expect(contents).toContain("Period|april 2023");
    expect(contents).toContain(`${table.name}|Tabell ${table.number}. ${table.caption}`);
  });

  it("a public interim report (its committed figures.json): suppressed cells are '..' with the note, every number equal", () => {
    // A document written by a real public build (the golden output of the interim report).
    const doc = JSON.parse(readFileSync(path.join(GOLDEN, "delarsrapport/expected/figures.json"), "utf8")) as FiguresDocument;
    expect(doc.parameters.public).toBe(true);
    const wb = read(workbook(doc));
    let numbers = 0;
    for (const t of [...doc.tables, ...doc.charts.map((c) => c.data)]) numbers += checkTable(wb, t);
    expect(numbers).toBeGreaterThan(100);
    // A table with suppressed cells says what ".." means above its header.
    const t = doc.tables.find((x) => x.rows.some((r) => r.some((v, c) => v === null && x.columns[c].format === "integer")))!;
    const ws = wb.Sheets[t.name];
    const lines = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, range: 0 }).slice(0, headerRowOf(ws, t.columns.map((c) => c.label))).map((r) => r[0]);
    expect(lines).toContain("..: dolt för att skydda enskilda personer");
    const cells = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1 }).flat();
    expect(cells).toContain("..");
    const contents = XLSX.utils.sheet_to_json<string[]>(wb.Sheets["Innehåll"], { header: 1 }).map((r) => r.join("|"));
    expect(contents).toContain("Publik version|Ja: antal under 5 personer, och de som skulle avslöja dem, visas som ..");
  });

  it("freezes the rows down to the header, sets column widths, and gives identical bytes twice", async () => {
    const built = await buildFixture();
    const doc = built.figures;
    const a = workbook(doc);
    expect(Buffer.from(workbook(doc)).equals(Buffer.from(a))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(built.files.get("tabeller.xlsx")!))).toBe(true);
    const again = await buildFixture();
    expect(Buffer.from(again.files.get("tabeller.xlsx")!).equals(Buffer.from(a))).toBe(true);

    const wb = read(a);
    const cfb = XLSX.CFB.read(a, { type: "array" });
    const entry = (p: string) => new TextDecoder().decode(cfb.FileIndex[cfb.FullPaths.indexOf(cfb.FullPaths[0] + p)].content as Uint8Array);
    wb.SheetNames.forEach((name, i) => {
      const xml = entry(`xl/worksheets/sheet${i + 1}.xml`);
      const pane = /<pane ySplit="(\d+)" topLeftCell="A(\d+)" activePane="bottomLeft" state="frozen"\/>/.exec(xml);
      expect(pane, name).not.toBeNull();
      const ws = wb.Sheets[name];
      const headerCell = ws[XLSX.utils.encode_cell({ r: Number(pane![1]) - 1, c: 0 })];
      // The last frozen row is the header: a label, with the first data row below it.
      expect(typeof headerCell?.v, name).toBe("string");
      expect(Number(pane![2])).toBe(Number(pane![1]) + 1);
      const cols = ws["!cols"]!;
      expect(cols.length, name).toBeGreaterThan(0);
      for (const c of cols) expect(c.wch ?? 0).toBeGreaterThanOrEqual(8);
    });
    const ws = wb.Sheets[BUDGET.name];
    expect(ws["!cols"]![0].wch).toBeGreaterThanOrEqual("Arbetsmarknadsinsatser med ett mycket långt namn".length);
    expect(ws["!cols"]![5].wch).toBeGreaterThanOrEqual(`6${NBSP}929${NBSP}578${NBSP}tkr`.length);
    // docProps: the build time, not the clock.
    expect(entry("docProps/core.xml")).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${doc.buildTime.replace(/\.000Z$/, "Z")}</dcterms:created>`);
    expect(entry("docProps/core.xml")).toContain(`<dc:title>${doc.report.title}</dc:title>`);
    // No stray East-Asian built-in format among the custom ones.
    expect(entry("xl/styles.xml")).not.toMatch(/numFmtId="56"/);
  });

  it("names sheets as Excel allows: at most 31 characters, unique regardless of case", async () => {
    const doc = structuredClone((await buildFixture()).figures);
    const long = "budget-per-ansvar-och-verksamhet-helar";
    doc.tables = [{ ...doc.tables[0], name: `${long}-2023` }, { ...doc.tables[0], name: `${long}-2024`, number: 2 }];
    const wb = read(workbook(doc));
    const names = wb.SheetNames;
    expect(names.slice(1, 3)).toEqual([long.slice(0, 31), `${long.slice(0, 29)}~2`]);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    // The contents sheet names each sheet as it is called in the workbook.
    const contents = XLSX.utils.sheet_to_json<string[]>(wb.Sheets["Innehåll"], { header: 1 }).map((r) => r[0]);
    for (const n of names.slice(1)) expect(contents).toContain(n);
  });
});
