/**
 * The last check of a build: no output file holds a personal identity or coordination number.
 *
 * `assertNoIdentityNumbers(files)` is called once with the report's files in memory, before
 * anything is written. It scans:
 * - every path (a chart or table name is part of a file name);
 * - `.html`, `.htm`, `.svg`, `.xml`: the text with character references decoded;
 * - `.json`: string values and keys only (numbers such as amounts in öre are numbers, not text);
 * - `.csv`, `.txt`, `.md` and any other file that is valid UTF-8: the whole text;
 * - `.xlsx`: text cells, formulas, comments, hyperlinks, sheet names, defined names and document
 *   properties, read with @e965/xlsx (number cells are numbers, as in `.json`);
 * - `.png`: its text chunks (tEXt, zTXt, iTXt: title, description); the pixels are rendered from
 *   the SVG beside it, which is scanned as text. A PNG whose chunks cannot be read is unchecked.
 * Invisible characters (soft hyphen, zero-width space, tags, Hangul fillers, …) and combining marks
 * are ignored and look-alike digits (fullwidth, mathematical, circled, …) read as digits, as a
 * reader would (guard/text-views.ts).
 * A file that is none of these and not UTF-8 cannot be checked, and fails the build too.
 *
 * Errors name the output file and the position (line:column, or sheet and cell), never the value.
 */
import * as XLSX from "@e965/xlsx";
import { findIdentityNumbers, type IdentityNumberMatch } from "./identity-numbers.ts";
import { redact } from "../read/redact.ts";
import { pngTextChunks } from "./png-text.ts";
import { jsonStringsView, lineColumn, markupView, plainView, visibleText, visibleView, type TextView } from "./text-views.ts";

/** Where in an output a number was found. */
export type FindingLocation =
  | { kind: "path" }
  | { kind: "text"; line: number; column: number }
  | { kind: "cell"; sheet: number; cell: string }
  | { kind: "workbook"; part: "sheet name" | "defined name" | "properties"; sheet?: number }
  | { kind: "png"; chunk: "tEXt" | "zTXt" | "iTXt"; keyword: string };

export interface IdentityNumberFinding {
  /** The output file (relative path). */
  file: string;
  location: FindingLocation;
  /** True for a coordination number. */
  coordination: boolean;
}

export interface OutputScan {
  findings: IdentityNumberFinding[];
  /** Files that could not be read as text or workbook (binary of an unknown kind). */
  unchecked: string[];
  /** Files scanned. */
  scanned: string[];
}

const MARKUP = /\.(html?|svg|xml|xhtml)$/i;
const JSON_FILE = /\.json$/i;
const WORKBOOK = /\.xlsx$/i;
const PNG = /\.png$/i;

const utf8 = new TextDecoder("utf-8", { fatal: true });

function textFindings(file: string, raw: string, view: TextView, out: IdentityNumberFinding[]): void {
  const visible = visibleView(view);
  for (const m of findIdentityNumbers(visible.text)) {
    const { line, column } = lineColumn(raw, visible.map[m.start]);
    out.push({ file, location: { kind: "text", line, column }, coordination: m.coordination });
  }
}

function hits(text: string): IdentityNumberMatch[] {
  return findIdentityNumbers(visibleText(text));
}

function workbookFindings(file: string, bytes: Uint8Array, out: IdentityNumberFinding[]): boolean {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: "array", cellFormula: true, cellHTML: false, cellText: false, bookProps: false, cellDates: false });
  } catch {
    return false;
  }
  const add = (location: FindingLocation, text: unknown) => {
    if (typeof text !== "string") return;
    for (const m of hits(text)) out.push({ file, location, coordination: m.coordination });
  };
  for (const value of Object.values(wb.Props ?? {})) add({ kind: "workbook", part: "properties" }, value);
  for (const value of Object.values(wb.Custprops ?? {})) add({ kind: "workbook", part: "properties" }, value);
  for (const name of wb.Workbook?.Names ?? []) {
    add({ kind: "workbook", part: "defined name" }, name.Name);
    add({ kind: "workbook", part: "defined name" }, name.Ref);
  }
  wb.SheetNames.forEach((sheetName, index) => {
    const sheet = index + 1;
    add({ kind: "workbook", part: "sheet name", sheet }, sheetName);
    const ws = wb.Sheets[sheetName];
    if (!ws) return;
    for (const [addr, cell] of Object.entries(ws)) {
      if (addr.startsWith("!")) continue;
      const c = cell as XLSX.CellObject;
      const at: FindingLocation = { kind: "cell", sheet, cell: addr };
      if (c.t === "s" || c.t === "e" || c.t === "d") add(at, typeof c.v === "string" ? c.v : undefined);
      add(at, c.f);
      add(at, c.l?.Target);
      add(at, c.l?.Tooltip);
      for (const comment of c.c ?? []) add(at, comment.t);
    }
  });
  return true;
}

/** Scan every output file; see the module comment. */
export function scanOutputs(files: ReadonlyMap<string, Uint8Array>): OutputScan {
  const findings: IdentityNumberFinding[] = [];
  const unchecked: string[] = [];
  const scanned: string[] = [];
  for (const [file, bytes] of files) {
    for (const m of hits(file)) findings.push({ file, location: { kind: "path" }, coordination: m.coordination });
    if (PNG.test(file)) {
      const chunks = pngTextChunks(bytes);
      if (chunks === null) {
        unchecked.push(file);
        continue;
      }
      for (const c of chunks) for (const m of hits(c.text)) findings.push({ file, location: { kind: "png", chunk: c.chunk, keyword: c.keyword }, coordination: m.coordination });
      scanned.push(file);
      continue;
    }
    if (WORKBOOK.test(file)) {
      if (workbookFindings(file, bytes, findings)) scanned.push(file);
      else unchecked.push(file);
      continue;
    }
    let raw: string;
    try {
      raw = utf8.decode(bytes);
    } catch {
      unchecked.push(file);
      continue;
    }
    const view = MARKUP.test(file) ? markupView(raw) : JSON_FILE.test(file) ? jsonStringsView(raw) : plainView(raw);
    textFindings(file, raw, view, findings);
    scanned.push(file);
  }
  return { findings, unchecked, scanned };
}

/** `file:line:column`, `file (blad 2, cell B7)`, … with anything number-like in names masked. */
export function describeFinding(f: IdentityNumberFinding): string {
  const file = redact(f.file);
  const l = f.location;
  switch (l.kind) {
    case "path":
      return `${file} (filnamnet, the file name)`;
    case "text":
      return `${file}:${l.line}:${l.column}`;
    case "cell":
      return `${file} (blad ${l.sheet}, cell ${l.cell}; sheet ${l.sheet}, cell ${l.cell})`;
    case "png":
      return `${file} (PNG-textfältet ${redact(l.keyword)}, PNG text chunk ${redact(l.keyword)})`;
    case "workbook":
      return `${file} (${l.part === "sheet name" ? `namnet på blad ${l.sheet} (name of sheet ${l.sheet})` : l.part === "defined name" ? "ett definierat namn (a defined name)" : "dokumentegenskaperna (document properties)"})`;
  }
}

/** How many findings a message lists. */
const LISTED = 10;

/** An output holds a personal identity or coordination number: the build must stop. */
export class IdentityNumberInOutputError extends Error {
  override readonly name = "IdentityNumberInOutputError";
  readonly findings: readonly IdentityNumberFinding[];
  constructor(findings: readonly IdentityNumberFinding[]) {
    const listed = findings.slice(0, LISTED).map(describeFinding);
    const more = findings.length > LISTED ? `, … och ${findings.length - LISTED} till (and ${findings.length - LISTED} more)` : "";
    super(
      `personnummer eller samordningsnummer i utdata, inget skrivs (personal identity or coordination number in the output, nothing is written): ` +
        `${listed.join(", ")}${more}. Kontrollera fritextfält och namn i indata (check free-text fields and names in the input).`,
    );
    this.findings = findings;
  }
}

/** An output of a kind that cannot be checked (binary, not a workbook): it must not be written unchecked. */
export class UncheckedOutputError extends Error {
  override readonly name = "UncheckedOutputError";
  readonly files: readonly string[];
  constructor(files: readonly string[]) {
    super(
      `utdata som inte kan kontrolleras för personnummer (outputs that cannot be checked for identity numbers): ${files.map(redact).join(", ")}; ` +
        `lägg till formatet i src/guard/scan-outputs.ts (add the format to src/guard/scan-outputs.ts)`,
    );
    this.files = files;
  }
}

/**
 * Throws `IdentityNumberInOutputError` when any output holds a personal identity or coordination
 * number, `UncheckedOutputError` when an output cannot be read as text or workbook.
 */
export function assertNoIdentityNumbers(files: ReadonlyMap<string, Uint8Array>): void {
  const { findings, unchecked } = scanOutputs(files);
  if (findings.length > 0) throw new IdentityNumberInOutputError(findings);
  if (unchecked.length > 0) throw new UncheckedOutputError(unchecked);
}
