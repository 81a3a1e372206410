/**
 * The last check of a build: no output file holds a personal identity or coordination number.
 *
 * `assertNoIdentityNumbers(files)` is called once with the report's files in memory, before
 * anything is written. It scans:
 * - every path (a chart or table name is part of a file name);
 * - `.html`, `.htm`, `.svg`, `.xml`: the text with character references decoded and the tags as
 *   written (attribute values inside them), and the text as a browser renders it (below);
 * - `.json`: string values and keys only (numbers such as amounts in öre are numbers, not text);
 * - `.csv`, `.txt`, `.md` and any other file that is valid UTF-8: the whole text;
 * - `.xlsx`: text cells, formulas, comments, hyperlinks, sheet names, defined names and document
 *   properties, read with @e965/xlsx (number cells are numbers, as in `.json`);
 * - `.png`: its text chunks (tEXt, zTXt, iTXt: title, description); the pixels are rendered from
 *   the SVG beside it, which is scanned as text. A PNG whose chunks cannot be read is unchecked.
 * Invisible characters (soft hyphen, zero-width space, tags, Hangul fillers, …) and combining marks
 * are ignored and look-alike digits (fullwidth, mathematical, circled, …) read as digits, as a
 * reader would (guard/text-views.ts).
 *
 * Every text is scanned twice: as written, and with every run of white space read as one space, as
 * a reader of the rendered output reads it (`900803⏎0489`, `1990-08-03  0489` read as
 * `900803 0489`, `1990-08-03 0489`; guard/text-views.ts). What is a unit of text for that:
 * - markup: the text as a browser renders it: character references decoded, `<br>` (and an SVG
 *   `<tspan>` with a position of its own, the next line of a label) a space, the tags of inline
 *   elements (`span`, `b`, `i`, `em`, `strong`, `a`, `small`, `sub`, `sup`, `mark`, `abbr`, `wbr`,
 *   `font`, `u`, `s`, `code`, `bdi`, `bdo`, `time`, `data`, `q`, `tspan`, …; `INLINE_ELEMENTS` in
 *   guard/text-views.ts), comments and CDATA markers nothing, so `19900803<span>-0489</span>`,
 *   `<b>900803</b>-0489` and `19900803<!-- x -->-0489` are found; every other tag (`td`, `th`,
 *   `tr`, `p`, `div`, `li`, SVG's `text`, …) stays in the view, so text in two table cells or
 *   blocks is never joined. Attribute values are read as written, inside their tags. That second
 *   reading is made only for a file where such markup stands between digits, reached over white
 *   space and the characters between a number's parts (`renderedMarkupJoins`), or where white
 *   space can be collapsed between them; the sample reports' inline tags stand between words;
 * - `.csv`, `.tsv`: a cell; a line break inside a quoted cell is read across, the line break
 *   between two records (and in `.tsv` the tab between two fields) is not;
 * - `.json`: each string; two strings are never joined;
 * - `.xlsx`: each cell, name or property; `.png`: each text chunk; a path;
 * - any other text file: the whole text (a text file's lines are read on across line breaks).
 * A number found in both readings is reported once, also where the two readings find it in
 * overlapping pieces (`19<b>900803-0489</b>`: `900803-0489` as written, `19900803-0489` as rendered;
 * reported where the longer begins).
 * A file that is none of these and not UTF-8 cannot be checked, and fails the build too.
 *
 * Errors name the output file and the position (line:column, or sheet and cell), never the value.
 */
import * as XLSX from "@e965/xlsx";
import { findIdentityNumbers, isSpaceLike, joinsDigits, type IdentityNumberMatch } from "./identity-numbers.ts";
import { redact } from "../read/redact.ts";
import { pngTextChunks } from "./png-text.ts";
import {
  collapsedText,
  collapsedView,
  csvBreaks,
  isWhitespace,
  jsonStringsView,
  lineColumn,
  markupView,
  plainView,
  renderedMarkupJoins,
  renderedMarkupView,
  visibleText,
  visibleView,
  type TextView,
} from "./text-views.ts";

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
const CSV = /\.csv$/i;
const TSV = /\.(tsv|tab)$/i;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The two readings of a text file (see the module comment): as written, and white space
 * collapsed (markup: as rendered, then collapsed); the second only when it can find what the first
 * cannot (`renderedMarkupJoins`, `collapsingMatters`).
 */
function textViews(file: string, raw: string): TextView[] {
  if (MARKUP.test(file)) {
    const written = visibleView(markupView(raw));
    // Read again as rendered only where that can join a number: markup the browser shows as nothing
    // or as a space between its parts (`renderedMarkupJoins`), or white space to collapse.
    return renderedMarkupJoins(raw, joinsParts) || collapsingMatters(written.text) ? [written, collapsedView(visibleView(renderedMarkupView(raw)))] : [written];
  }
  if (JSON_FILE.test(file)) {
    // The strings are joined with line breaks: a line break is where one ends, not white space
    // within one. White space written as an escape (\n, \t, \u2003) is looked for in the raw text.
    const written = visibleView(jsonStringsView(raw));
    if (!collapsingMatters(written.text, true) && !ESCAPED_SPACE_BETWEEN_DIGITS.test(raw)) return [written];
    return [written, jsonStringsView(raw, (t) => collapsedView(visibleView(t)))];
  }
  const visible = visibleView(plainView(raw));
  if (!collapsingMatters(visible.text)) return [visible];
  const tsv = TSV.test(file);
  return [visible, collapsedView(visible, tsv || CSV.test(file) ? csvBreaks(visible.text, tsv) : undefined)];
}

/** What the output scan reads over between the parts of a number, besides white space: a dash of any kind, `+`, `/`, and `.` (`1990.08.03-0489`). */
const joinsParts = (c: number) => c === 0x2e || joinsDigits(c);

/** In raw JSON: a digit, then white space or joiners among which one is escaped (`\n`, `\t`, `\u…`), then a digit. */
const ESCAPED_SPACE_BETWEEN_DIGITS = /\d(?:[\s\-+/]|\\[ntrfb]|\\u[0-9a-fA-F]{4})*\\(?:[ntrfb]|u[0-9a-fA-F]{4})(?:[\s\-+/]|\\[ntrfb]|\\u[0-9a-fA-F]{4})*\d/;


/**
 * True when collapsing white space could join what the as-written reading cannot: a run of two or
 * more white space characters, or one the scanner does not take as a separator (a tab, a line
 * break, an en space, …), with a digit on either side reached over white space, dashes, `+` and
 * `/` only. Otherwise the collapsed text differs from the written one only where no identity
 * number can span (white space that touches no digit), and is not scanned again: the outputs'
 * indentation and line breaks between tags and values cost nothing.
 */
function collapsingMatters(text: string, lineBreakEnds = false): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (!isWhitespace(c) || (lineBreakEnds && c === 0x0a)) continue;
    let j = i + 1;
    while (j < n && isWhitespace(text.charCodeAt(j)) && !(lineBreakEnds && text.charCodeAt(j) === 0x0a)) j++;
    if (j - i >= 2 || !isSpaceLike(c)) {
      let l = i - 1;
      const over = (k: number) => (isWhitespace(text.charCodeAt(k)) && !(lineBreakEnds && text.charCodeAt(k) === 0x0a)) || joinsDigits(text.charCodeAt(k));
      while (l >= 0 && over(l)) l--;
      let r = j;
      while (r < n && over(r)) r++;
      if (l >= 0 && r < n && isDigitLike(text.charCodeAt(l)) && isDigitLike(text.charCodeAt(r))) return true;
    }
    i = j - 1;
  }
  return false;
}

/** An ASCII digit (the views read every other digit as one). */
const isDigitLike = (c: number) => c >= 0x30 && c <= 0x39;

function textFindings(file: string, raw: string, views: readonly TextView[], out: IdentityNumberFinding[]): void {
  /**
   * Each number as [first index in `raw`, last index in `raw`, coordination, reading]. A number
   * found in both readings is reported once: at the same place, or where the readings overlap
   * (`19<b>900803-0489</b>` is `900803-0489` as written and `19900803-0489` as rendered: reported
   * where the longer one begins).
   */
  const found: [number, number, boolean, number][] = [];
  views.forEach((view, k) => {
    if (k > 0 && view.text === views[0].text) return;
    for (const m of findIdentityNumbers(view.text)) found.push([view.map[m.start], view.map[m.end - 1], m.coordination, k]);
  });
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let last: [number, number, boolean, number] | undefined;
  for (const f of found) {
    if (last !== undefined && f[3] !== last[3] && f[0] <= last[1]) continue;
    if (last !== undefined && f[0] === last[0]) continue;
    last = f;
    const { line, column } = lineColumn(raw, f[0]);
    out.push({ file, location: { kind: "text", line, column }, coordination: f[2] });
  }
}

/** The numbers in a short text (a cell, a name, a chunk), read as written and with white space collapsed. */
function hits(text: string): IdentityNumberMatch[] {
  const visible = visibleText(text);
  const found = findIdentityNumbers(visible);
  if (collapsedText(visible) === visible) return found;
  const collapsed = collapsedView(plainView(visible));
  const starts = new Set(found.map((m) => m.start));
  for (const m of findIdentityNumbers(collapsed.text)) {
    const start = collapsed.map[m.start];
    if (!starts.has(start)) found.push({ start, end: collapsed.map[m.end - 1] + 1, coordination: m.coordination });
  }
  return found;
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
    textFindings(file, raw, textViews(file, raw), findings);
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
