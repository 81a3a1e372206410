/**
 * Page assembly: one self-contained, accessible HTML file (WCAG 2.1 AA) with inline CSS and
 * inline SVG charts. No script, no external resource; a Content-Security-Policy forbids any
 * request, so a stray reference fails visibly instead of phoning home.
 */
import type { Chart, TableColumn, TableSpec } from "../charts/types.ts";
import { formatCell, SUPPRESSED_MARK } from "./format.ts";
import { PAGE_CSS } from "./page/style.ts";

export { SUPPRESSED_MARK };
/** The note under every table, chart and text with a suppressed (null) number. */
/**
 * Why a value is "..": a count under the build's threshold, or one that would reveal such a count
 * (secondary suppression). The words name neither, so they are true of every withheld value at any
 * threshold; the page's banner names the threshold.
 */
export const SUPPRESSED_WHY = "dolt för att skydda enskilda personer";
export const SUPPRESSED_NOTE = `..: ${SUPPRESSED_WHY}`;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

// ---------------------------------------------------------------------------------------------
// Markdown-ish running text

/** A run of running text: literal Markdown-ish source, or an already rendered inline value. */
export type RichPart = { kind: "source"; text: string } | { kind: "inline"; html: string };

const PH_OPEN = "\uE000";
const PH_CLOSE = "\uE001";

function inlineMarkup(escaped: string): string {
  return escaped
    .replace(/\*\*(?=\S)([^*]*?\S)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*\w])\*(?=\S)([^*]*?\S)\*(?![*\w])/g, "$1<em>$2</em>");
}

/**
 * Markdown-ish text to HTML: paragraphs separated by blank lines, `- ` / `* ` list items,
 * `**strong**`, `*emphasis*`. Indentation (template literals in source code) is ignored.
 * Inline values are inserted as given and never interpreted as markup.
 */
export function renderRichText(parts: RichPart[], paragraphClass?: string): string {
  const inlines: string[] = [];
  let source = "";
  for (const part of parts) {
    if (part.kind === "source") source += part.text.replace(/[\uE000\uE001]/g, "");
    else {
      source += `${PH_OPEN}${inlines.length}${PH_CLOSE}`;
      inlines.push(part.html);
    }
  }
  const fill = (s: string) => inlineMarkup(escapeHtml(s)).replace(/\uE000(\d+)\uE001/g, (_, i: string) => inlines[Number(i)]);
  const cls = paragraphClass ? ` class="${paragraphClass}"` : "";
  const out: string[] = [];
  let para: string[] = [];
  let list: string[] = [];
  const flushPara = () => {
    if (para.length) out.push(`<p${cls}>${fill(para.join(" "))}</p>`);
    para = [];
  };
  const flushList = () => {
    if (list.length) out.push(`<ul${cls}>${list.map((li) => `<li>${fill(li)}</li>`).join("")}</ul>`);
    list = [];
  };
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim();
    const item = /^[-*]\s+(.*)$/.exec(line);
    if (line === "") {
      flushPara();
      flushList();
    } else if (item && !/^\*\*/.test(line)) {
      flushPara();
      list.push(item[1]);
    } else if (list.length && /^\s{2,}/.test(raw)) {
      list[list.length - 1] += ` ${line}`; // continuation of a list item
    } else {
      flushList();
      para.push(line);
    }
  }
  flushPara();
  flushList();
  return out.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Tables

function isNumeric(column: TableColumn): boolean {
  return column.format !== "text";
}

/** The suppression marker, with its meaning for screen readers and on hover. */
export const SUPPRESSED_HTML = `<abbr title="${SUPPRESSED_WHY}">${SUPPRESSED_MARK}</abbr>`;

/**
 * One cell through H4's formatCell (null number = suppressed "..", NaN/undefined = missing "–").
 */
function cellHtml(value: string | number | null | undefined, column: TableColumn): string {
  if (value === null && isNumeric(column)) return SUPPRESSED_HTML;
  return escapeHtml(formatCell(value, column.format));
}

/** The note under a table with missing data (NaN cells, printed "–"). */
export const MISSING_NOTE = "–: uppgift saknas";

/** True when some number cell of the table is missing (NaN). */
function hasMissing(table: TableSpec): boolean {
  return table.rows.some((row) => table.columns.some((c) => isNumeric(c) && typeof row[c.key] === "number" && Number.isNaN(row[c.key])));
}

/** True when some number cell of the table is suppressed (null). */
export function hasSuppressed(table: TableSpec): boolean {
  return table.rows.some((row) => table.columns.some((c) => isNumeric(c) && row[c.key] === null));
}

/** From this many columns on a table is "wide": smaller type on screen and in print. */
export const WIDE_TABLE_COLUMNS = 7;
/**
 * From this many columns on a table is "very wide": even in small type it does not fit the
 * width of a portrait A4 page, so in print its block gets a landscape A4 page of its own.
 */
export const LANDSCAPE_TABLE_COLUMNS = 11;

/** The width class of a table with this many columns: "", "wide" or "wide x-wide". */
export function tableWidthClass(columns: number): string {
  return columns >= LANDSCAPE_TABLE_COLUMNS ? "wide x-wide" : columns >= WIDE_TABLE_COLUMNS ? "wide" : "";
}

/**
 * A table in its scroll container. On a narrow screen a wide table scrolls sideways inside the
 * container instead of pushing the page wider; the container is focusable (tabindex=0) so
 * keyboard users can scroll it with the arrow keys, and it is a region named by the table's
 * caption so that tab stop is announced meaningfully (axe: scrollable-region-focusable).
 * `columns` decides the "wide" class (smaller type, tighter cells; fitted to A4 in print).
 */
export function tableWrap(tableHtml: string, captionId: string, columns: number): string {
  const cls = `table-wrap ${tableWidthClass(columns)}`.trim();
  return `<div class="${cls}" tabindex="0" role="region" aria-labelledby="${captionId}">\n${tableHtml}\n</div>`;
}

/** The unit a number format prints after each value ("mnkr", "%"); none for counts, dates. */
const CELL_UNIT: Partial<Record<TableColumn["format"], string>> = { kr: "kr", tkr: "tkr", mnkr: "mnkr", deviationMnkr: "mnkr", percent: "%" };
const MONEY_UNITS = new Set(["kr", "tkr", "mnkr"]);

/** True when `text` names `unit` as a word of its own ("…, mnkr", "Andel (%)"). */
function names(text: string, unit: string): boolean {
  return unit === "%" ? /%|procent/i.test(text) : new RegExp(`(^|[^\\p{L}])${unit}([^\\p{L}]|$)`, "iu").test(text);
}

/**
 * Where a table states its units, so that no cell repeats one: money columns that share one unit
 * name it once in the caption ("(belopp i mnkr)", unless the caption names it already); percent
 * columns, and money columns of mixed units, in their header ("Beläggning (%)").
 */
function tableUnits(table: TableSpec, caption: string): { caption: string; header: (c: TableColumn) => string | undefined } {
  const money = new Set(table.columns.map((c) => CELL_UNIT[c.format]).filter((u): u is string => u !== undefined && MONEY_UNITS.has(u)));
  const inCaption = money.size === 1 ? [...money][0] : undefined;
  return {
    caption: inCaption === undefined || names(caption, inCaption) ? caption : `${caption} (belopp i ${inCaption})`,
    header: (c) => {
      const unit = CELL_UNIT[c.format];
      return unit === undefined || unit === inCaption || names(c.label, unit) ? undefined : unit;
    },
  };
}

/** Header text with a break opportunity after each "/" ("annat/<wbr>okänt"): headers wrap, not the table. */
function wrappable(text: string): string {
  return escapeHtml(text).replace(/\//g, "/<wbr>");
}

/** A header cell's content: the short header as an <abbr> of the label when there is one, then the unit. */
function headerHtml(c: TableColumn, unit: string | undefined): string {
  const text = c.abbr && c.abbr !== c.label ? `<abbr title="${escapeHtml(c.label)}">${wrappable(c.abbr)}</abbr>` : wrappable(c.label);
  return unit === undefined ? text : `${text} <span class="unit">(${escapeHtml(unit)})</span>`;
}

/** One body cell without its unit (the caption or header states it). */
function bodyCellHtml(value: string | number | null | undefined, column: TableColumn): string {
  const html = cellHtml(value, column);
  const unit = CELL_UNIT[column.format];
  return unit === undefined || typeof value !== "number" ? html : html.replace(new RegExp(`\u00a0${unit}$`), "");
}

/**
 * A data table with caption, column headers and (when the first column is text) row headers,
 * inside its scroll container (see `tableWrap`). `captionId` must be unique in the page.
 * Units are stated once, in the caption or the header (see `tableUnits`), not in every cell; a
 * column's short header (`abbr`) is shown as an <abbr> whose title is the full label.
 */
export function renderTable(table: TableSpec, caption: string, captionId: string): string {
  const rowHeader = table.columns.length > 1 && table.columns[0].format === "text";
  const units = tableUnits(table, caption);
  const head = table.columns
    .map((c) => `<th scope="col"${isNumeric(c) ? ' class="num"' : ""}>${headerHtml(c, units.header(c))}</th>`)
    .join("");
  const body = table.rows
    .map((row) => {
      const cells = table.columns.map((c, i) => {
        const html = bodyCellHtml(row[c.key], c);
        if (i === 0 && rowHeader) return `<th scope="row">${html}</th>`;
        return `<td${isNumeric(c) ? ' class="num"' : ""}>${html}</td>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("\n");
  const html = `<table>\n<caption id="${captionId}">${escapeHtml(units.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
  return tableWrap(html, captionId, table.columns.length);
}

function tableNotes(table: TableSpec): string {
  const notes: string[] = [];
  if (table.note) notes.push(`<p class="note">${escapeHtml(table.note)}</p>`);
  if (hasSuppressed(table)) notes.push(`<p class="note">${escapeHtml(SUPPRESSED_NOTE)}</p>`);
  if (hasMissing(table)) notes.push(`<p class="note">${escapeHtml(MISSING_NOTE)}</p>`);
  return notes.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Inline SVG

/**
 * Makes a rendered SVG fit for inlining: drops the XML prolog, and gives the root element
 * role="img" with aria-labelledby / aria-describedby pointing at the figure's caption and text
 * alternative (replacing any role or ARIA attribute the renderer put there).
 */
export function inlineSvg(svg: string, labelledBy: string, describedBy: string): string {
  const body = svg.replace(/^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?/i, "");
  const m = /^<svg\b([^>]*)>/.exec(body);
  if (!m) throw new Error("inlineSvg: the rendered chart does not start with <svg>");
  const attrs = m[1]
    .replace(/\s(role|aria-[a-z]+|focusable)\s*=\s*("[^"]*"|'[^']*')/gi, "")
    .replace(/\s+$/, "");
  const root = `<svg${attrs} role="img" aria-labelledby="${labelledBy}" aria-describedby="${describedBy}" focusable="false">`;
  // Inside an image the marks are presentational: ARIA roles and labels that vega may have put
  // on them (when a spec does not switch `aria` off) would only confuse assistive technology.
  const inner = body
    .slice(m[0].length)
    .trimEnd()
    .replace(/<[a-zA-Z][\w:-]*(?:\s+[\w:-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*\s*\/?>/g, (tag) =>
      tag.replace(/\s(?:role|aria-[a-z-]+)\s*=\s*(?:"[^"]*"|'[^']*')/g, ""),
    );
  return root + inner;
}

/** The standalone SVG file (figures/<name>.svg) with a <title> and <desc> for Word and other tools. */
export function standaloneSvg(svg: string, title: string, alt: string): string {
  const body = svg.replace(/^\uFEFF?\s*/, "");
  const m = /<svg\b[^>]*>/.exec(body);
  if (!m || m.index === undefined) throw new Error("standaloneSvg: no <svg> element");
  const at = m.index + m[0].length;
  const titled = `${body.slice(0, at)}<title>${escapeHtml(title)}</title><desc>${escapeHtml(alt)}</desc>${body.slice(at)}`;
  return titled.endsWith("\n") ? titled : `${titled}\n`;
}

// ---------------------------------------------------------------------------------------------
// The page

export interface KeyFigureView {
  label: string;
  /** Formatted value (already Swedish). */
  shown: string;
  figureId: string;
  suppressed: boolean;
  note?: string;
}

export type PageBlock =
  | { kind: "heading"; level: 2 | 3; text: string; id: string }
  | { kind: "html"; html: string }
  | { kind: "keyFigures"; caption?: string; items: KeyFigureView[] }
  | { kind: "chart"; id: string; number: number; chart: Chart; svg: string }
  | { kind: "table"; id: string; number: number; table: TableSpec };

export interface ProvenanceView {
  inputs: { name: string; kind: string; sha256: string; rowsRead: string; rowsAccepted: string; rowsQuarantined: string }[];
  /** Label → value, in display order. */
  parameters: [string, string][];
}

export interface PageModel {
  /** "Publik version – …" or "Intern version – får inte publiceras", at the top of every page. */
  banner?: { kind: "public" | "internal"; text: string };
  title: string;
  subtitle?: string;
  /** A line under the title: organisation, period. */
  meta?: string;
  blocks: PageBlock[];
  provenance: ProvenanceView;
}

/**
 * A chart on the page. Its title and source appear once each, as HTML text: the caption above the
 * SVG and the source line below it (the inline SVG is rendered without them, see pageSpec in
 * src/charts/figure.ts). The text alternative and the data table are in a details element under
 * the chart, closed by default; the SVG (role="img") is labelled by the caption and described by
 * the text alternative through aria-labelledby / aria-describedby, which read it even while the
 * details element is closed.
 */
function chartBlock(b: Extract<PageBlock, { kind: "chart" }>): string {
  const titleId = `${b.id}-titel`;
  const descId = `${b.id}-beskrivning`;
  const { chart } = b;
  const caption = chart.table.caption && chart.table.caption !== chart.title ? `Data för diagram ${b.number}: ${chart.table.caption}` : `Data för diagram ${b.number}`;
  // The table's note starts with the source, already shown under the chart.
  const source = chart.source.trim();
  const note = chart.table.note?.startsWith(source) ? chart.table.note.slice(source.length).trim() : chart.table.note;
  const table: TableSpec = { ...chart.table, note: note || undefined };
  return [
    `<figure class="${`chart ${tableWidthClass(chart.table.columns.length)}`.trim()}" id="${b.id}">`,
    `<figcaption id="${titleId}"><span class="number">Diagram ${b.number}.</span> ${escapeHtml(chart.title)}</figcaption>`,
    `<div class="chart-svg">${inlineSvg(b.svg, titleId, descId)}</div>`,
    source ? `<p class="source">Källa: ${escapeHtml(source.replace(/^Källa:\s*/i, ""))}</p>` : "",
    `<details>`,
    `<summary>Beskrivning och data för diagram ${b.number}</summary>`,
    `<p class="alt" id="${descId}">${escapeHtml(chart.alt)}</p>`,
    renderTable(table, caption, `${b.id}-data`),
    tableNotes(table),
    `</details>`,
    `</figure>`,
  ]
    .filter((s) => s !== "")
    .join("\n");
}

function tableBlock(b: Extract<PageBlock, { kind: "table" }>): string {
  return [
    `<div class="${`table-block ${tableWidthClass(b.table.columns.length)}`.trim()}" id="${b.id}">`,
    renderTable(b.table, `Tabell ${b.number}. ${b.table.caption}`, `${b.id}-rubrik`),
    tableNotes(b.table),
    `</div>`,
  ]
    .filter((s) => s !== "")
    .join("\n");
}

function keyFiguresBlock(b: Extract<PageBlock, { kind: "keyFigures" }>): string {
  const items = b.items
    .map((it) => {
      const value = it.suppressed ? SUPPRESSED_HTML : escapeHtml(it.shown);
      const note = it.note ? `<span class="kf-note">${escapeHtml(it.note)}</span>` : "";
      return `<div class="kf"><dt>${escapeHtml(it.label)}</dt><dd><span data-figure="${escapeHtml(it.figureId)}">${value}</span>${note}</dd></div>`;
    })
    .join("\n");
  const caption = b.caption ? `<p class="kf-caption"><strong>${escapeHtml(b.caption)}</strong></p>\n` : "";
  const note = b.items.some((it) => it.suppressed) ? `\n<p class="note">${escapeHtml(SUPPRESSED_NOTE)}</p>` : "";
  return `<section class="key-figures"${b.caption ? "" : ' aria-label="Nyckeltal"'}>\n${caption}<dl>\n${items}\n</dl>${note}\n</section>`;
}

function toc(blocks: PageBlock[]): string {
  const headings = blocks.filter((b): b is Extract<PageBlock, { kind: "heading" }> => b.kind === "heading");
  const entries: string[] = [];
  if (headings.length > 0) {
    const tree: { h: (typeof headings)[number]; children: (typeof headings)[number][] }[] = [];
    for (const h of headings) {
      if (h.level === 2 || tree.length === 0) tree.push({ h, children: [] });
      else tree[tree.length - 1].children.push(h);
    }
    const link = (h: (typeof headings)[number]) => `<a href="#${h.id}">${escapeHtml(h.text)}</a>`;
    return tree
      .map(({ h, children }) =>
        children.length === 0 ? `<li>${link(h)}</li>` : `<li>${link(h)}<ol>${children.map((c) => `<li>${link(c)}</li>`).join("")}</ol></li>`,
      )
      .join("\n");
  }
  for (const b of blocks) {
    if (b.kind === "chart") entries.push(`<li><a href="#${b.id}">Diagram ${b.number}. ${escapeHtml(b.chart.title)}</a></li>`);
    if (b.kind === "table") entries.push(`<li><a href="#${b.id}">Tabell ${b.number}. ${escapeHtml(b.table.caption)}</a></li>`);
  }
  return entries.join("");
}

function provenanceBlock(p: ProvenanceView): string {
  const inputs =
    p.inputs.length === 0
      ? "<p>Rapporten läser inga indatafiler.</p>"
      : tableWrap([
          "<table>",
          '<caption id="indatafiler">Indatafiler</caption>',
          '<thead><tr><th scope="col">Fil</th><th scope="col">Typ</th><th scope="col">SHA-256</th><th scope="col" class="num">Rader lästa</th><th scope="col" class="num">Godkända</th><th scope="col" class="num">I karantän</th></tr></thead>',
          "<tbody>",
          ...p.inputs.map(
            (i) =>
              `<tr><th scope="row">${escapeHtml(i.name)}</th><td>${escapeHtml(i.kind)}</td><td><code>${escapeHtml(i.sha256)}</code></td><td class="num">${escapeHtml(i.rowsRead)}</td><td class="num">${escapeHtml(i.rowsAccepted)}</td><td class="num">${escapeHtml(i.rowsQuarantined)}</td></tr>`,
          ),
          "</tbody>",
          "</table>",
        ].join("\n"), "indatafiler", 6);
  const params = p.parameters.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("\n");
  return [
    '<footer class="provenance" aria-labelledby="underlag">',
    '<h2 id="underlag">Underlag och parametrar</h2>',
    inputs,
    `<dl>\n${params}\n</dl>`,
    "</footer>",
  ].join("\n");
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function renderPage(model: PageModel): string {
  const blocks = model.blocks
    .map((b) => {
      switch (b.kind) {
        case "heading":
          return `<h${b.level} id="${b.id}">${escapeHtml(b.text)}</h${b.level}>`;
        case "html":
          return b.html;
        case "keyFigures":
          return keyFiguresBlock(b);
        case "chart":
          return chartBlock(b);
        case "table":
          return tableBlock(b);
      }
    })
    .join("\n");
  const tocItems = toc(model.blocks);
  const tocHtml = `<nav class="toc" aria-labelledby="innehall-rubrik">\n<h2 id="innehall-rubrik">Innehåll</h2>\n<ol>${tocItems}<li><a href="#underlag">Underlag och parametrar</a></li></ol>\n</nav>`;
  return [
    "<!DOCTYPE html>",
    '<html lang="sv">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(model.title)}</title>`,
    `<style>\n${PAGE_CSS}\n</style>`,
    // In print the banner repeats in the top margin of every page.
    model.banner ? `<style>@page { @top-center { content: ${JSON.stringify(model.banner.text)}; font-size: 9pt; } }</style>` : "",
    "</head>",
    "<body>",
    '<a class="skip" href="#innehall">Hoppa till innehållet</a>',
    '<div class="page">',
    "<header>",
    model.banner ? `<p class="banner banner-${model.banner.kind}">${escapeHtml(model.banner.text)}</p>` : "",
    `<h1>${escapeHtml(model.title)}</h1>`,
    model.subtitle ? `<p class="subtitle">${escapeHtml(model.subtitle)}</p>` : "",
    model.meta ? `<p class="meta">${escapeHtml(model.meta)}</p>` : "",
    "</header>",
    tocHtml,
    '<main id="innehall">',
    blocks,
    "</main>",
    provenanceBlock(model.provenance),
    "</div>",
    "</body>",
    "</html>",
    "",
  ]
    .filter((s, i, all) => s !== "" || i === all.length - 1)
    .join("\n");
}
