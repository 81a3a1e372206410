/**
 * Building one report: run its body, render every cell, and return the output folder's files in
 * memory (index.html, figures/<name>.svg|png, tables/<name>.csv, figures.json). Nothing is
 * written here; `writeReportAtomically` puts the files in place, so a failing build leaves no
 * trace. The output depends only on the inputs and the parameters: no clock (build time is a
 * parameter or SOURCE_DATE_EPOCH), no random ids, stable key order.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Chart, TableSpec } from "../charts/types.ts";
import { shareLinkKey } from "../charts/links.ts";
import { figureSpec, figureTitle, pageSpec } from "../charts/figure.ts";
import { formatCell, formatDate, formatInteger, formatMonth } from "../render/format.ts";
import { figureText } from "../render/figure-text.ts";
import { renderPngAsync } from "../render/png.ts";
import { workbook } from "../render/xlsx.ts";
import { renderSvg } from "../render/svg.ts";
import { tableToCsv } from "../render/csv.ts";
import { escapeHtml, renderPage, renderRichText, standaloneSvg, SUPPRESSED_HTML, SUPPRESSED_MARK, SUPPRESSED_NOTE, type PageBlock, type RichPart } from "../render/html.ts";
import { stableStringify } from "../render/json.ts";
import { auditPublished, type AuditSummary, type ShownCount } from "../disclosure/audit.ts";
import type { ReportRegistration } from "../disclosure/joint.ts";
import { publicationRecord, type PublicationRecord } from "../disclosure/history.ts";
import { DisclosureError, type CellId, type Relation } from "../disclosure/model.ts";
import { DEFAULT_THRESHOLD, ReportDisclosure } from "../disclosure/report-model.ts";
import type { Figure } from "./figures.ts";
import { ReportError } from "./input-errors.ts";
import { isPeriod, runBody, type ReportDefinition } from "./report.ts";
import type { LoadCache } from "./load.ts";
import { assertNoIdentityNumbers } from "../guard/scan-outputs.ts";
import type { BuildOptions, Cell, Effects, InputRecord, ReportMeta, ReportParameters } from "./types.ts";

/** What a run of a report's body collected (its cells and inputs). */
type Collected = Awaited<ReturnType<typeof runBody>>;

/** One figure as recorded in figures.json. */
export interface FigureRecord {
  id: string;
  source: "text" | "note" | "keyFigure";
  label?: string;
  format: Figure["format"];
  value: number | string | null;
  shown: string;
  suppressed: boolean;
  /** The disclosure cell of a person count (public and internal builds alike). */
  cell?: string;
  /** The disclosure cells of the counts a share of persons is computed from. */
  cells?: string[];
}

export interface TableRecord {
  name: string;
  number?: number;
  caption: string;
  file: string;
  columns: { key: string; label: string; format: string }[];
  /** Rows as arrays in column order; values in the unit of the format (öre, share, …). */
  rows: (string | number | null)[][];
  /** Parallel to rows: the disclosure cell each person count shows (null: not a person count). */
  cells?: (string | null)[][];
  /**
   * Parallel to rows: the disclosure cells of the counts each share or statistic is computed from
   * (null: none). Shown, those counts count as shown, and are among `disclosure.cells`.
   */
  shareCells?: (string[] | null)[][];
  note?: string;
}

export interface ChartRecord {
  name: string;
  number: number;
  title: string;
  alt: string;
  source: string;
  files: { svg: string; png: string };
  data: TableRecord;
}

/** The disclosure model as published (public builds): what an attacker knows, and the audit. */
export interface DisclosureDocument {
  threshold: number;
  /**
   * Every person count: its published value (null = suppressed), whether it is marked small
   * (primary), and whether it is withheld as part of the breakdown of a small total (hidden,
   * with no word on whether it is small).
   */
  cells: { id: string; label: string; value: number | null; primary: boolean; withheld?: true }[];
  relations: Relation[];
  audit: AuditSummary;
}

export interface FiguresDocument {
  report: { name: string; title: string; subtitle: string | null };
  parameters: { period: string | null; unit: string | null; dataDir: string; public: boolean; threshold: number };
  buildTime: string;
  libraryVersion: string;
  inputs: InputRecord[];
  figures: FigureRecord[];
  tables: TableRecord[];
  charts: ChartRecord[];
  /** Public builds only. */
  disclosure?: DisclosureDocument;
}

export interface BuiltReport {
  name: string;
  /** Relative path (with `/`) → bytes, in sorted path order. */
  files: Map<string, Uint8Array>;
  figures: FiguresDocument;
  parameters: ReportParameters;
  /**
   * A public build: what it publishes, with the true values behind it (disclosure/history.ts),
   * for the builds of later periods. Private: never written beside the report.
   */
  publication?: PublicationRecord;
}

const NAME = /^[a-z0-9][a-z0-9_-]*$/;

function checkName(what: string, name: string): void {
  if (!NAME.test(name)) throw new Error(`${what} name ${JSON.stringify(name)}: use lower-case a–z, 0–9, - and _ (it becomes a file name)`);
}

let cachedVersion: string | undefined;
/** The library version from package.json. */
export function libraryVersion(): string {
  if (cachedVersion === undefined) {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
    cachedVersion = pkg.version ?? "0.0.0";
  }
  return cachedVersion;
}

/** Build time: the option, else SOURCE_DATE_EPOCH (seconds), else the injected clock. */
export function resolveBuildTime(option: BuildOptions["buildTime"], effects: Effects): Date {
  let d: Date;
  if (option !== undefined) d = option instanceof Date ? new Date(option.getTime()) : new Date(option);
  else if (effects.env.SOURCE_DATE_EPOCH !== undefined && effects.env.SOURCE_DATE_EPOCH !== "") {
    const s = effects.env.SOURCE_DATE_EPOCH;
    if (!/^\d+$/.test(s)) throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got ${JSON.stringify(s)}`);
    d = new Date(Number(s) * 1000);
  } else d = effects.now();
  if (Number.isNaN(d.getTime())) throw new Error(`build time ${JSON.stringify(String(option))} is not a valid date`);
  return d;
}

function slug(text: string): string {
  const s = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return s === "" ? "avsnitt" : s;
}

function tableRecord(t: TableSpec, file: string, number?: number): TableRecord {
  const rec: TableRecord = {
    name: t.name,
    caption: t.caption,
    file,
    columns: t.columns.map((c) => ({ key: c.key, label: c.label, format: c.format })),
    rows: t.rows.map((row) => t.columns.map((c) => row[c.key] ?? null)),
  };
  const cells = t.rows.map((_, i) => t.columns.map((c) => t.links?.[i]?.[c.key] ?? null));
  // (A table whose only links are a share's to its counts has no count cell to name.)
  if (t.links && cells.some((row) => row.some((id) => id !== null))) rec.cells = cells;
  const shares = t.rows.map((_, i) => t.columns.map((c) => sharedCounts(t.links?.[i] ?? {}, c.key)));
  if (shares.some((row) => row.some((ids) => ids !== null))) rec.shareCells = shares;
  if (number !== undefined) rec.number = number;
  if (t.note !== undefined) rec.note = t.note;
  return rec;
}

/** What an internal build says at the top of every page and in every figure's metadata. */
export const INTERNAL_MARK = "Intern version – får inte publiceras";

function auditLine(a: AuditSummary): string {
  const narrow = a.narrowest ? `; snävaste intervall för ett dolt litet antal: ${a.narrowest.min}–${a.narrowest.max}` : "";
  const withheld = a.withheld ? `, ${formatInteger(a.withheld)} antal i fördelningar av små antal` : "";
  return `${formatInteger(a.cells)} antal i ${formatInteger(a.relations)} samband granskade, ${formatInteger(a.primary)} små antal${withheld} och ${formatInteger(a.suppressed - a.primary - a.withheld)} skyddande antal dolda${narrow}`;
}

/** The disclosure cells a report's cells show: table and chart links, linked figures. */
function shownCells(cells: readonly Cell[]): Set<string> {
  const out = new Set<string>();
  const fromTable = (t: TableSpec) => t.links?.forEach((l) => Object.values(l).forEach((id) => out.add(id)));
  // A count, or the counts of a share (an exact share tells them).
  const fromFigure = (f: Figure) => {
    if (f.cell !== undefined) out.add(f.cell);
    f.cells?.forEach((id) => out.add(id));
  };
  for (const c of cells) {
    if (c.kind === "table") fromTable(c.table);
    else if (c.kind === "chart") fromTable(c.chart.table);
    else if (c.kind === "keyFigures") c.items.forEach((i) => fromFigure(i.value));
    else if (c.kind === "text") c.parts.forEach((p) => p.kind === "figure" && fromFigure(p.figure));
  }
  return out;
}

const isCount = (format: string) => format !== "text" && format !== "month" && format !== "date";

/** The counts a share shown in `column` is linked to (`<column>:1`, …), or null. */
function sharedCounts(links: Readonly<Record<string, string>>, column: string): string[] | null {
  const ids: string[] = [];
  for (let n = 1; links[shareLinkKey(column, n)] !== undefined; n++) ids.push(links[shareLinkKey(column, n)]);
  return ids.length > 0 ? ids : null;
}

/** True when a share shown in `column` is linked to counts (`<column>:1`, …) of which one is suppressed: it was hidden with them. */
function shareHidden(links: Readonly<Record<string, string>>, column: string, suppressed: ReadonlySet<string>): boolean {
  return sharedCounts(links, column)?.some((id) => suppressed.has(id)) ?? false;
}

/**
 * A table as shown: a null number linked to a disclosure cell is suppressed (".."); a share or
 * other number null in a row with a suppressed count was hidden with it; any other null is
 * missing data and becomes NaN ("–", with its note). With `enforce` (public builds) every person
 * count shown must be linked to its cell.
 */
function linkedTable(t: TableSpec, enforce: boolean, where: string, suppressed: ReadonlySet<string>): TableSpec {
  const rows = t.rows.map((row, i) => {
    const links = t.links?.[i] ?? {};
    const hiddenRow = t.columns.some((c) => links[c.key] !== undefined && row[c.key] === null);
    const out = { ...row };
    for (const c of t.columns) {
      if (!isCount(c.format)) continue;
      const v = row[c.key];
      const linked = links[c.key] !== undefined;
      if (enforce && c.format === "integer" && c.persons !== false && v !== null && !linked) {
        throw new Error(
          `${where}, rad ${i + 1}, kolumn ${c.label}: ett antal personer som inte är registrerat i röjandekontrollen (a person count not registered for disclosure control): låt tabellen gå genom r.publishable, eller markera kolumnen med persons: false`,
        );
      }
      if (v === null && !linked && !shareHidden(links, c.key, suppressed) && !(hiddenRow && c.format !== "integer")) out[c.key] = Number.NaN;
    }
    return out;
  });
  return { ...t, rows };
}

function utc(d: Date): string {
  return `${formatDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))}, kl. ${d.toISOString().slice(11, 16)} UTC`;
}

const encoder = new TextEncoder();

/**
 * The formats of figures that a public build takes only linked to their counts or declared to
 * count no persons, with the function that writes each (for messages) and whether it is an amount.
 */
const UNLINKED_FIGURES: Partial<Record<string, { fn: string; amount: boolean }>> = {
  percent: { fn: "percent", amount: false },
  decimal1: { fn: "decimal", amount: false },
  kr: { fn: "kr", amount: true },
  tkr: { fn: "tkr", amount: true },
  mnkr: { fn: "mnkr", amount: true },
  deviationMnkr: { fn: "deviation", amount: true },
};

function resolveTitle(title: ReportMeta["title"], period: string | null): string {
  const t = typeof title === "function" ? title(period) : title;
  if (typeof t !== "string" || t.trim() === "") throw new TypeError("the report's title function must return a non-empty string");
  return t;
}

/** Run a report and render its output folder in memory. */
export async function buildReport(def: ReportDefinition, options: BuildOptions, effects: Effects): Promise<BuiltReport> {
  return (await buildReportStaged(def, options, effects)).finished;
}

/**
 * A report being built, once this thread's part is done: `finished` is the report as
 * `buildReport` gives it (or its error), once the PNGs made off this thread are in and every
 * output has been scanned for identity numbers. Meanwhile the caller can go on (the CLI starts the
 * next report).
 */
export interface StagedReport {
  finished: Promise<BuiltReport>;
}

/**
 * `buildReport` in two stages: resolves when the report's body has run and every output but the
 * PNGs is made; see `StagedReport`. The outputs, checks and errors are the same as
 * `buildReport`'s.
 */
export async function buildReportStaged(def: ReportDefinition, options: BuildOptions, effects: Effects): Promise<StagedReport> {
  const { params, dataDirAbs, threshold } = prepare(def, options, effects);
  // A public build runs the body twice: the first run registers every person count, the
  // suppression is solved over the whole report (or taken from the joint protection of the
  // build's reports), the second run shows it (see disclosure/).
  const first = new ReportDisclosure(threshold);
  const cache: LoadCache = new Map();
  let collected = await runBody(def, params, dataDirAbs, effects, first, cache);
  let disclosure = first;
  if (params.public) ({ collected, disclosure } = await showProtected(def, params, dataDirAbs, effects, first, shownCells(collected.cells), cache, options.joint));
  return renderStaged(def, params, effects, first, disclosure, collected, threshold);
}

/**
 * The first run of a public report, as `buildReportStaged` makes it (its log left out), and the
 * cells it shows once protected on its own: what the report brings to the joint protection of the
 * reports of one build (see disclosure/joint.ts).
 */
export async function registerPublicReport(def: ReportDefinition, options: BuildOptions, effects: Effects): Promise<ReportRegistration & { threshold: number }> {
  const { params, dataDirAbs, threshold } = prepare(def, { ...options, public: true, joint: undefined }, effects);
  const quiet = { ...effects, log: () => {} };
  const first = new ReportDisclosure(threshold);
  const cache: LoadCache = new Map();
  const collected = await runBody(def, params, dataDirAbs, quiet, first, cache);
  // Protected on its own first: its suppression is where the joint protection starts.
  const { shown } = await showProtected(def, params, dataDirAbs, quiet, first, shownCells(collected.cells), cache, undefined);
  return { ...first.registration(params.name, params.period, shown), suppressed: first.suppressed, withheld: first.withheld, threshold };
}

/**
 * The second run of a public report under its protection: solved over the report, or the joint
 * one given. What is shown can depend on what is hidden (a column of zeros appears once one of
 * its cells is hidden): until the second run shows nothing the solve did not count as shown,
 * solve again with those cells added (the set only grows, so this ends). A joint protection was
 * solved for the cells the report showed on its own; a report that shows more under it fails.
 */
async function showProtected(def: ReportDefinition, params: ReportParameters, dataDirAbs: string, effects: Effects, first: ReportDisclosure,
  shownFirst: Set<CellId>, cache: LoadCache, joint: BuildOptions["joint"]): Promise<{ collected: Collected; disclosure: ReportDisclosure; shown: Set<CellId> }> {
  let shownSet = joint === undefined ? shownFirst : new Set([...shownFirst, ...joint.shown]);
  for (let round = 0; ; round++) {
    if (joint === undefined) await first.solve(shownSet);
    else first.adopt(joint.protection, shownSet);
    const disclosure = first.secondRun();
    const collected = await runBody(def, params, dataDirAbs, { ...effects, log: () => {} }, disclosure, cache);
    disclosure.checkSameAs(first);
    const now = shownCells(collected.cells);
    if ([...now].every((id) => shownSet.has(id))) return { collected, disclosure, shown: shownSet };
    if (joint !== undefined) throw new DisclosureError(`${params.name}: visar fler antal under byggets gemensamma röjandekontroll än den löstes för (the report shows more counts under the build's joint protection than it was solved for)`);
    if (round >= 4) throw new DisclosureError(`${params.name}: de visade antalen ändras för varje lösning (the shown counts keep changing with the suppression)`);
    shownSet = new Set([...shownSet, ...now]);
  }
}

/** The parameters of a build of `def` (checked), and where its data lie. */
function prepare(def: ReportDefinition, options: BuildOptions, effects: Effects): { params: ReportParameters; dataDirAbs: string; threshold: number } {
  checkName("Report", options.name);
  const period = options.period ?? def.meta.period ?? null;
  if (period !== null && !isPeriod(period)) throw new Error(`period must be YYYY-MM, got ${JSON.stringify(period)}`);
  const dataDirAbs = path.resolve(effects.cwd, options.dataDir);
  const rel = path.relative(effects.cwd, dataDirAbs);
  const isPublic = options.public ?? false;
  // A public report names its inputs by file name and SHA-256, never by where they lie.
  const dataDirShown = isPublic
    ? path.basename(dataDirAbs)
    : (rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? dataDirAbs : rel).split(path.sep).join("/");
  const threshold = options.threshold ?? def.meta.threshold ?? DEFAULT_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < 2) throw new Error(`tröskeln för små antal måste vara ett heltal ≥ 2 (threshold must be an integer ≥ 2), fick ${threshold}`);
  const buildTime = resolveBuildTime(options.buildTime, effects);
  const params: ReportParameters = {
    name: options.name,
    title: resolveTitle(def.meta.title, period),
    period,
    unit: def.meta.unit ?? null,
    dataDir: dataDirShown,
    public: isPublic,
    threshold,
    buildTime: buildTime.toISOString(),
    libraryVersion: options.libraryVersion ?? libraryVersion(),
  };
  return { params, dataDirAbs, threshold };
}

/** Render a report whose body has run (`first`: its first run's disclosure, `disclosure`: the shown run's). */
async function renderStaged(def: ReportDefinition, params: ReportParameters, effects: Effects, first: ReportDisclosure, disclosure: ReportDisclosure,
  collected: Collected, threshold: number): Promise<StagedReport> {
  const { cells, inputs } = collected;
  const shown: ShownCount[] = [];
  const showTable = (t: TableSpec, where: string, enforce: boolean): TableSpec => {
    const checked = linkedTable(t, enforce, `${params.name}: ${where}`, params.public ? first.suppressed : new Set());
    checked.links?.forEach((links, i) => {
      for (const c of checked.columns) {
        const id = links[c.key];
        if (id === undefined) continue;
        const v = checked.rows[i][c.key];
        shown.push({ cell: id, value: typeof v === "number" && Number.isFinite(v) ? v : null, where: `${where}, rad ${i + 1}, kolumn ${c.label}` });
      }
    });
    return checked;
  };

  const files = new Map<string, Uint8Array>();
  const put = (file: string, data: string | Uint8Array) => {
    if (files.has(file)) throw new Error(`Two outputs would be written to ${file}: give charts and tables distinct names`);
    files.set(file, typeof data === "string" ? encoder.encode(data) : data);
  };
  // Files made off the main thread (PNGs): the name is taken now, the bytes are awaited at the end.
  const later: Promise<void>[] = [];
  let laterError: { error: unknown } | undefined;
  const putLater = (file: string, data: Promise<Uint8Array>) => {
    put(file, new Uint8Array(0));
    later.push(data.then((bytes) => void files.set(file, bytes)).catch((error: unknown) => void (laterError ??= { error })));
  };
  const figures: FigureRecord[] = [];
  const figureIds = new Set<string>();
  const recordFigure = (f: Figure, fallbackId: string, source: FigureRecord["source"], label?: string): FigureRecord => {
    const id = f.name ?? fallbackId;
    if (figureIds.has(id)) throw new Error(`Two figures are named ${JSON.stringify(id)}`);
    figureIds.add(id);
    if (params.public && f.persons === true && f.cell === undefined) {
      throw new ReportError(
        `${params.name}: talet ${JSON.stringify(id)} är ett antal personer som inte är skyddat (an unprotected person count): hämta det med r.count(tabell, mått) från en tabell som gått genom r.publishable, eller använd number() för tal som inte räknar personer`,
      );
    }
    // A share, a decimal or an amount about persons tells their counts (0,4696… is 31 of 66; an
    // amount per participant beside the programme's cost): in a public build it is linked to them
    // (r.share, r.statistic) or declared to count no persons.
    const unlinked = UNLINKED_FIGURES[f.format];
    if (params.public && unlinked !== undefined && f.persons !== false && f.cell === undefined && f.cells === undefined && f.value !== null) {
      throw new ReportError(
        unlinked.amount
          ? `${params.name}: beloppet ${JSON.stringify(id)} är inte kopplat till röjandekontrollen (an amount not linked to disclosure control): ` +
              `hämta belopp per person med r.statistic från en tabell som gått genom r.publishable, eller skriv ${unlinked.fn}(x, namn, { persons: false }) för belopp som inte räknas fram ur antal personer (en budget, ett utfall, ett avtal)`
          : `${params.name}: talet ${JSON.stringify(id)} är en andel eller ett tal som inte är kopplat till röjandekontrollen (a share or number not linked to disclosure control): ` +
              `hämta andelar och mått av personer med r.share eller r.statistic från en tabell som gått genom r.publishable, eller skriv ${unlinked.fn}(x, namn, { persons: false }) för tal som inte räknar personer`,
      );
    }
    if (f.cell !== undefined) shown.push({ cell: f.cell, value: typeof f.value === "number" ? f.value : null, where: `talet ${id}` });
    const suppressed = f.value === null;
    const rec: FigureRecord = {
      id,
      source,
      format: f.format,
      value: f.value,
      shown: suppressed ? SUPPRESSED_MARK : formatCell(f.value, f.format),
      suppressed,
    };
    if (label !== undefined) rec.label = label;
    if (f.cell !== undefined) rec.cell = f.cell;
    if (f.cells !== undefined) rec.cells = [...f.cells];
    figures.push(rec);
    return rec;
  };

  const blocks: PageBlock[] = [];
  const tables: TableRecord[] = [];
  const charts: ChartRecord[] = [];
  // Heading ids are slugs of their text; they must not take an id the page uses elsewhere
  // (charts, tables and their captions, the footer), or a link / aria reference would point at
  // the wrong element.
  const headingIds = new Set<string>(["innehall", "innehall-rubrik", "underlag", "indatafiler"]);
  for (const cell of cells) {
    if (cell.kind === "chart") {
      const id = `diagram-${cell.chart.name}`;
      for (const suffix of ["", "-titel", "-beskrivning", "-data"]) headingIds.add(id + suffix);
    } else if (cell.kind === "table") {
      for (const suffix of ["", "-rubrik"]) headingIds.add(`tabell-${cell.table.name}${suffix}`);
    }
  }
  let seenH2 = false;
  let chartNo = 0;
  let tableNo = 0;

  for (const [index, cell] of cells.entries()) {
    const cellNo = index + 1;
    switch (cell.kind) {
      case "heading": {
        // The title is the only h1; an h3 before any h2 would skip a level.
        const level = cell.level === 3 && !seenH2 ? 2 : cell.level;
        if (level === 2) seenH2 = true;
        let id = slug(cell.text);
        for (let n = 2; headingIds.has(id); n++) id = `${slug(cell.text)}-${n}`;
        headingIds.add(id);
        blocks.push({ kind: "heading", level, text: cell.text, id });
        break;
      }
      case "text": {
        let k = 0;
        let suppressed = false;
        const parts: RichPart[] = cell.parts.map((p) => {
          if (p.kind === "literal") return { kind: "source", text: p.text };
          if (p.kind === "string") return { kind: "inline", html: escapeHtml(p.text) };
          const rec = recordFigure(p.figure, `${cell.variant}-${cellNo}-${++k}`, cell.variant);
          suppressed ||= rec.suppressed;
          const shown = rec.suppressed ? SUPPRESSED_HTML : escapeHtml(rec.shown);
          return { kind: "inline", html: `<span class="figure-value" data-figure="${escapeHtml(rec.id)}">${shown}</span>` };
        });
        let html = renderRichText(parts, cell.variant === "note" ? "note" : undefined);
        if (suppressed) html += `\n<p class="note">${escapeHtml(SUPPRESSED_NOTE)}</p>`;
        blocks.push({ kind: "html", html });
        break;
      }
      case "keyFigures": {
        const items = cell.items.map((item, k) => {
          const rec = recordFigure(item.value, `keyFigure-${cellNo}-${k + 1}`, "keyFigure", item.label);
          return { label: item.label, shown: rec.shown, figureId: rec.id, suppressed: rec.suppressed, note: item.note };
        });
        blocks.push(cell.caption === undefined ? { kind: "keyFigures", items } : { kind: "keyFigures", items, caption: cell.caption });
        break;
      }
      case "chart": {
        const chart: Chart = { ...cell.chart, table: showTable(cell.chart.table, `diagram ${cell.chart.name}`, params.public) };
        checkName("Chart", chart.name);
        checkName("Chart data table", chart.table.name);
        const number = ++chartNo;
        // On the page: no title or source in the SVG (the caption and source line carry them).
        // The standalone figure: title with its period, and the source (src/charts/figure.ts).
        const svg = await renderSvg(pageSpec(chart), { idPrefix: `d${number}-` });
        const figTitle = figureTitle(chart, params.period);
        const marked = { ...chart, title: params.public ? figTitle : `${figTitle} (${INTERNAL_MARK})` };
        const figureSvg = await renderSvg(figureSpec(chart, marked.title), { idPrefix: `d${number}-` });
        put(`figures/${chart.name}.svg`, standaloneSvg(figureSvg, marked.title, chart.alt));
        putLater(`figures/${chart.name}.png`, renderPngAsync(figureSvg, { title: marked.title, description: chart.alt }));
        put(`figures/${chart.name}.txt`, figureText(marked, number));
        const csvFile = `tables/${chart.table.name}.csv`;
        put(csvFile, tableToCsv(chart.table));
        charts.push({
          name: chart.name,
          number,
          title: chart.title,
          alt: chart.alt,
          source: chart.source,
          files: { svg: `figures/${chart.name}.svg`, png: `figures/${chart.name}.png` },
          data: tableRecord(chart.table, csvFile),
        });
        blocks.push({ kind: "chart", id: `diagram-${chart.name}`, number, chart, svg });
        break;
      }
      case "table": {
        const table = showTable(cell.table, `tabell ${cell.table.name}`, params.public);
        checkName("Table", table.name);
        const number = ++tableNo;
        const csvFile = `tables/${table.name}.csv`;
        put(csvFile, tableToCsv(table));
        tables.push(tableRecord(table, csvFile, number));
        blocks.push({ kind: "table", id: `tabell-${table.name}`, number, table });
        break;
      }
    }
  }

  // Public builds: the model as published, audited on what the outputs show.
  let disclosureDoc: DisclosureDocument | undefined;
  if (params.public) {
    // Cells no output shows are left out of figures.json: to an attacker they are unknowns.
    const all = [...first.model.cells.values()];
    const published = all
      .filter((c) => first.shown.has(c.id))
      .map((c) => ({
        id: c.id,
        label: c.label,
        value: first.suppressed.has(c.id) ? null : c.value,
        // Withheld cells are not said to be small: that would tell what their total's breakdown hides.
        primary: first.primary.has(c.id) && !first.withheld.has(c.id),
        ...(first.withheld.has(c.id) ? { withheld: true as const } : {}),
      }));
    for (const c of published) shown.push({ cell: c.id, value: c.value, where: `figures.json, cellen ${c.label}` });
    const witness = new Map(all.map((c) => [c.id, c.value]));
    const audit = await auditPublished({
      report: params.name,
      threshold,
      // Unshown small counts are audited too (as if the attacker knew they were small).
      cells: all.map((c) => ({ id: c.id, label: c.label, primary: first.primary.has(c.id), withheld: first.withheld.has(c.id) })),
      relations: first.model.relations,
      shown,
      witness,
      solutions: first.solutions,
    });
    disclosureDoc = { threshold, cells: published, relations: [...first.model.relations], audit };
  }

  const metaLine = [params.unit, params.period ? `Period: ${formatMonth(params.period)}` : null].filter((s): s is string => !!s).join(" · ");
  const html = renderPage({
    banner: params.public
      ? { kind: "public", text: `Publik version – antal under ${threshold} personer visas inte` }
      : { kind: "internal", text: INTERNAL_MARK },
    title: params.title,
    subtitle: def.meta.subtitle,
    meta: metaLine || undefined,
    blocks,
    provenance: {
      inputs: inputs.map((i) => ({
        name: i.name,
        kind: i.kind,
        sha256: i.sha256,
        rowsRead: formatInteger(i.rowsRead),
        rowsAccepted: formatInteger(i.rowsAccepted),
        rowsQuarantined: formatInteger(i.rowsQuarantined),
      })),
      parameters: [
        ["Rapport", params.name],
        ["Period", params.period ? formatMonth(params.period) : "–"],
        ...(params.unit ? ([["Organisation", params.unit]] as [string, string][]) : []),
        ["Datamapp", params.dataDir],
        // An export that covers the time up to its extraction date, past the last date of its rows.
        ...inputs.flatMap((i): [string, string][] =>
          i.coverage?.extractedOn === undefined ? [] : [["Uttag", `${i.name}: täcker tiden till uttaget ${formatDate(Date.parse(i.coverage.extractedOn))} enligt titelraden; senaste datum i raderna ${formatDate(Date.parse(i.coverage.last))}`]],
        ),
        ["Publik version", params.public ? `Ja: antal under ${threshold} personer visas som ..` : "Nej (intern version – får inte publiceras)"],
        ...(disclosureDoc ? ([["Röjandekontroll", auditLine(disclosureDoc.audit)]] as [string, string][]) : []),
        ["Byggd", utc(new Date(params.buildTime))],
        ["utfall-version", params.libraryVersion],
      ],
    },
  });
  put("index.html", html);

  const doc: FiguresDocument = {
    report: { name: params.name, title: params.title, subtitle: def.meta.subtitle ?? null },
    parameters: { period: params.period, unit: params.unit, dataDir: params.dataDir, public: params.public, threshold },
    buildTime: params.buildTime,
    libraryVersion: params.libraryVersion,
    inputs,
    figures,
    tables,
    charts,
  };
  if (disclosureDoc) doc.disclosure = disclosureDoc;
  put("figures.json", stableStringify(doc));
  put("tabeller.xlsx", workbook(doc));

  const finished = (async (): Promise<BuiltReport> => {
    await Promise.all(later);
    if (laterError) throw laterError.error;
    const sorted = new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    // No identity number in any output, from any column (names the file and position, never the value).
    assertNoIdentityNumbers(sorted);
    const publication = params.public ? publicationRecord(params.name, params.period, first.model, first, first.shown) : undefined;
    return { name: params.name, files: sorted, figures: doc, parameters: params, ...(publication ? { publication } : {}) };
  })();
  // Handled by whoever awaits it; never an unhandled rejection while the caller is busy.
  finished.catch(() => undefined);
  return { finished };
}
