/**
 * The report's workbook, tabeller.xlsx: one sheet per table and per chart's data, written with
 * @e965/xlsx (the maintained SheetJS line; the `xlsx` package on npm is frozen at 0.18.5 with
 * CVE-2023-30533).
 *
 * Each sheet: caption, source or note, and the suppression note above the header; the header
 * row frozen; column widths from the widest shown value. Numbers are numbers with Swedish display
 * formats (see xlsx-format.ts); a suppressed cell (null in a public build) is the text "..".
 * A first sheet "Innehåll" names the report, its parameters, inputs and sheets; "Siffror i
 * texten" holds every number of the running text and key figures.
 *
 * Deterministic: the same document gives the same bytes (no clock: the creation date is the
 * build time; zip entries carry no timestamp).
 */
import * as XLSX from "@e965/xlsx";
import type { CellFormat } from "../charts/types.ts";
import type { FiguresDocument, TableRecord } from "../report/build.ts";
import { formatCell, formatDate, formatMonth, SUPPRESSED_MARK } from "./format.ts";
import { excelCell, type ExcelCell } from "./xlsx-format.ts";

// SheetJS's ES module build, the one the output scan (src/guard/scan-outputs.ts) reads the
// workbook back with: a build loads SheetJS once (its CommonJS build, with the code-page tables
// that writing .xlsx does not need, cost another ~0.1 s).
/** SheetJS's built-in number formats, as loaded (before any workbook added its own). */
const builtInFormats = { ...(XLSX.SSF.get_table() as Record<number, string>) };

/** The note of every sheet with a suppressed cell (the same words as the HTML report). */
export const SUPPRESSED_NOTE_XLSX = "..: dolt för att skydda enskilda personer";
/** Shown for a missing value (NaN), as in the report. */
const MISSING_MARK = "\u2013";

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/** One sheet before it becomes XML: lines above the header, the header, the rows. */
interface SheetModel {
  name: string;
  /** Lines above the header (caption, source, notes); a blank line separates them from the header. */
  above: string[];
  header: string[];
  formats: CellFormat[];
  rows: ExcelCell[][];
  /** Shown text per row and column, for column widths. */
  shown: string[][];
}

type Cell = XLSX.CellObject;

function toCellObject(c: ExcelCell): Cell | undefined {
  switch (c.kind) {
    case "number":
      return { t: "n", v: c.value, z: c.format };
    case "text":
      return { t: "s", v: c.value };
    case "suppressed":
      return { t: "s", v: SUPPRESSED_MARK };
    case "missing":
      return { t: "s", v: MISSING_MARK };
    case "empty":
      return undefined;
  }
}

/** Excel forbids : \ / ? * [ ] in sheet names, allows 31 characters, and compares them case-insensitively. */
function sheetNamer(): (wanted: string) => string {
  const used = new Set<string>();
  return (wanted) => {
    const base = wanted.replace(/[:\\/?*[\]]/g, "-").replace(/^'+|'+$/g, "").slice(0, 31) || "Blad";
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)}~${n}`;
    used.add(name.toLowerCase());
    return name;
  };
}

function tableSheet(name: string, caption: string, lines: (string | undefined)[], t: TableRecord): SheetModel {
  const formats = t.columns.map((c) => c.format as CellFormat);
  const rows = t.rows.map((row) => formats.map((f, i) => excelCell(row[i], f)));
  const suppressed = rows.some((row) => row.some((c) => c.kind === "suppressed"));
  const above = [caption, ...lines.filter((s): s is string => s !== undefined && s !== "")];
  if (suppressed) above.push(SUPPRESSED_NOTE_XLSX);
  return {
    name,
    above,
    header: t.columns.map((c) => c.label),
    formats,
    rows,
    shown: t.rows.map((row) => formats.map((f, i) => formatCell(row[i], f))),
  };
}

function sourceLine(source: string): string | undefined {
  const s = source.trim();
  return s === "" ? undefined : `Källa: ${s.replace(/^Källa:\s*/i, "")}`;
}

function figuresSheet(doc: FiguresDocument, name: string): SheetModel {
  const formats: CellFormat[] = ["text", "text", "text", "text"];
  const rows: ExcelCell[][] = [];
  const shown: string[][] = [];
  for (const f of doc.figures) {
    rows.push([{ kind: "text", value: f.id }, f.label ? { kind: "text", value: f.label } : { kind: "empty" }, excelCell(f.value, f.format as CellFormat), { kind: "text", value: f.shown }]);
    shown.push([f.id, f.label ?? "", f.shown, f.shown]);
  }
  const above = ["Siffror i rapportens text och nyckeltal", "Värde: talet som det lagras i figures.json, belopp i kronor; Visas som: så som rapporten skriver det."];
  if (doc.figures.some((f) => f.suppressed)) above.push(SUPPRESSED_NOTE_XLSX);
  return { name, above, header: ["Id", "Etikett", "Värde", "Visas som"], formats, rows, shown };
}

function contentsSheet(doc: FiguresDocument, name: string, sheets: { name: string; what: string }[]): SheetModel {
  const p = doc.parameters;
  const text = (s: string): ExcelCell => (s === "" ? { kind: "empty" } : { kind: "text", value: s });
  const pairs: [string, string][] = [
    ["Rapport", doc.report.name],
    ["Period", p.period ? formatMonth(p.period) : "–"],
    ...(p.unit ? ([["Organisation", p.unit]] as [string, string][]) : []),
    ["Datamapp", p.dataDir],
    ["Publik version", p.public ? `Ja: antal under ${p.threshold} personer, och de som skulle avslöja dem, visas som ..` : "Nej (intern version)"],
    ["Byggd", `${formatDate(Date.parse(doc.buildTime))}, kl. ${doc.buildTime.slice(11, 16)} UTC`],
    ["utfall-version", doc.libraryVersion],
  ];
  const rows: string[][] = [
    ...pairs,
    ["", ""],
    ["Blad", "Innehåll"],
    ...sheets.map((s) => [s.name, s.what]),
  ];
  if (doc.inputs.length > 0) {
    rows.push(["", ""], ["Indatafil", "Typ, rader lästa / godkända / i karantän, SHA-256"]);
    for (const i of doc.inputs) rows.push([i.name, `${i.kind}, ${i.rowsRead} / ${i.rowsAccepted} / ${i.rowsQuarantined}, ${i.sha256}`]);
  }
  const above = [doc.report.title, ...(doc.report.subtitle ? [doc.report.subtitle] : [])];
  return {
    name,
    above,
    header: ["Uppgift", "Värde"],
    formats: ["text", "text"],
    rows: rows.map((r) => r.map(text)),
    shown: rows.map((r) => [r[0], r[1].length > MAX_WIDTH ? "" : r[1]]),
  };
}

/** The sheet models of a report, in order: contents, tables, charts' data, figures of the text. */
export function workbookSheets(doc: FiguresDocument): SheetModel[] {
  const name = sheetNamer();
  const contentsName = name("Innehåll");
  const sheets: SheetModel[] = [];
  for (const t of doc.tables) {
    const caption = t.number !== undefined ? `Tabell ${t.number}. ${t.caption}` : t.caption;
    sheets.push(tableSheet(name(t.name), caption, [t.note], t));
  }
  for (const c of doc.charts) {
    const caption = `Data för diagram ${c.number}: ${c.data.caption || c.title}`;
    sheets.push(tableSheet(name(c.data.name), caption, [sourceLine(c.source), c.data.note], c.data));
  }
  if (doc.figures.length > 0) sheets.push(figuresSheet(doc, name("Siffror i texten")));
  const contents = contentsSheet(doc, contentsName, sheets.map((s) => ({ name: s.name, what: s.above[0] })));
  return [contents, ...sheets];
}

/** The header row's index (0-based) in a sheet: the lines above it, then one blank row. */
function headerRow(s: SheetModel): number {
  return s.above.length + 1;
}

function toWorksheet(s: SheetModel): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {};
  const put = (r: number, c: number, cell: Cell | undefined) => {
    if (cell) ws[XLSX.utils.encode_cell({ r, c })] = cell;
  };
  s.above.forEach((line, r) => put(r, 0, { t: "s", v: line }));
  const h = headerRow(s);
  s.header.forEach((label, c) => put(h, c, { t: "s", v: label }));
  s.rows.forEach((row, i) => row.forEach((cell, c) => put(h + 1 + i, c, toCellObject(cell))));
  const lastRow = Math.max(h + s.rows.length, h);
  const lastCol = Math.max(s.header.length, 1) - 1;
  ws["!ref"] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: lastRow, c: lastCol } });
  ws["!cols"] = s.header.map((label, c) => {
    const widest = Math.max(label.length, ...s.shown.map((row) => (row[c] ?? "").length));
    return { wch: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2)) };
  });
  return ws;
}

/**
 * SheetJS's community build writes no panes: freeze the rows down to the header by adding the
 * pane to each sheet's view. `frozen` holds the number of frozen rows per sheet (1-based file
 * index order, as SheetJS numbers them: xl/worksheets/sheet1.xml …).
 */
function patchPackage(bytes: Uint8Array, frozen: number[]): Uint8Array {
  const cfb = XLSX.CFB.read(bytes, { type: "array" });
  const root = cfb.FullPaths[0];
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  for (const [i, full] of cfb.FullPaths.entries()) {
    const entry = cfb.FileIndex[i];
    delete entry.mt; // no timestamps: the same bytes on every build
    delete entry.ct;
    const rel = full.slice(root.length);
    const content = entry.content;
    if (!content || entry.type !== 2) continue;
    const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(rel);
    let xml: string | undefined;
    if (sheet) {
      const rows = frozen[Number(sheet[1]) - 1];
      if (rows === undefined || rows <= 0) continue;
      const cell = `A${rows + 1}`;
      const view = `<sheetView workbookViewId="0"><pane ySplit="${rows}" topLeftCell="${cell}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${cell}" sqref="${cell}"/></sheetView>`;
      const before = decoder.decode(content as Uint8Array);
      xml = before.replace(/<sheetView workbookViewId="0"\/>/, view);
      if (xml === before) throw new Error(`tabeller.xlsx: found no sheet view to freeze in ${rel}`);
    } else if (rel === "xl/styles.xml") {
      // SheetJS lists an unused East-Asian built-in format (id 56); a Swedish user would see it
      // among the custom formats. Drop it when no cell uses it.
      const before = decoder.decode(content as Uint8Array);
      if (!/<xf numFmtId="56"/.test(before)) {
        xml = before.replace(/<numFmt numFmtId="56" formatCode="[^"]*"\/>/, "");
        if (xml !== before) xml = xml.replace(/<numFmts count="(\d+)">/, (_, n: string) => `<numFmts count="${Number(n) - 1}">`).replace(/<numFmts count="0"><\/numFmts>/, "");
      }
    }
    if (xml !== undefined) {
      const data = encoder.encode(xml);
      entry.content = data as unknown as typeof entry.content;
      entry.size = data.length;
    }
  }
  const out = XLSX.CFB.write(cfb, { fileType: "zip", type: "array", compression: true }) as ArrayBuffer | Uint8Array | number[];
  return out instanceof Uint8Array ? out : new Uint8Array(out as ArrayBuffer);
}

/** tabeller.xlsx for a report: pure, deterministic bytes. */
export function workbook(doc: FiguresDocument): Uint8Array {
  const sheets = workbookSheets(doc);
  const wb = XLSX.utils.book_new();
  for (const s of sheets) XLSX.utils.book_append_sheet(wb, toWorksheet(s), s.name);
  wb.Props = {
    Title: doc.report.title,
    ...(doc.report.subtitle ? { Subject: doc.report.subtitle } : {}),
    ...(doc.parameters.unit ? { Company: doc.parameters.unit } : {}),
    CreatedDate: new Date(doc.buildTime),
  };
  // SheetJS keeps the formats of earlier workbooks in a process-wide table and copies it into
  // the next one: start each workbook from the built-in formats, so its bytes depend only on it.
  (wb as { SSF?: Record<number, string> }).SSF = { ...builtInFormats };
  // Stored, not deflated: patchPackage rewrites the package and deflates it then (deflating twice
  // gave the same bytes for ~20 ms more a build).
  const raw = XLSX.write(wb, { type: "array", bookType: "xlsx", compression: false }) as ArrayBuffer;
  return patchPackage(new Uint8Array(raw), sheets.map((s) => headerRow(s) + 1));
}
