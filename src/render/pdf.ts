/**
 * `<report>.pdf`: the built index.html printed by the system's Chromium (Debian's `chromium`,
 * driven by playwright-core; never a downloaded browser). A4 from the page's print stylesheet,
 * tagged PDF with an outline from the headings, the title in the header and "Sida n av m" in the
 * footer. Charts are kept whole by the print CSS (break-inside: avoid, src/render/page/style.ts);
 * the data tables under the charts are opened so they are printed too.
 *
 * Side effects are explicit: the Chromium path comes from the environment (CHROMIUM_PATH, else
 * /usr/bin/chromium) and an `exists` check the caller may replace; the browser only ever loads the
 * one local file (every other request is aborted) and is closed in every case. The PDF's dates
 * are the build time passed in, never the clock (`setPdfDates`), and its structure ids do not
 * depend on the browser's timing (`renumberStructureIds`), so the same inputs and build time give
 * the same bytes.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ReportError } from "../report/input-errors.ts";
import { escapeHtml } from "./html.ts";

/** Where Debian's package puts Chromium. */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/** Launch flags for headless Chromium on a build machine or in CI (see STACK-NOTES). */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/**
 * Raised when no PDF can be printed on this machine (no Chromium, or playwright-core not
 * installed): the caller reports it (exit 2) and keeps the rest of the build.
 */
export class PdfUnavailableError extends Error {
  override name = "PdfUnavailableError";
}

/** The Chromium to use: CHROMIUM_PATH, else /usr/bin/chromium; throws PdfUnavailableError when it is not there. */
export function chromiumPath(env: Readonly<Record<string, string | undefined>>, exists: (file: string) => boolean = existsSync): string {
  const file = env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (!exists(file)) {
    throw new PdfUnavailableError(
      `PDF kräver Chromium, som inte finns på ${file}. Installera Debians paket (sudo apt-get install chromium) ` +
        `eller ange sökvägen i CHROMIUM_PATH; rapporten i övrigt är byggd. ` +
        `(PDF needs Chromium, not found at ${file}: install Debian's chromium package or set CHROMIUM_PATH; the rest of the report was built.)`,
    );
  }
  return file;
}

async function loadPlaywright(): Promise<typeof import("playwright-core")> {
  try {
    return await import("playwright-core");
  } catch {
    throw new PdfUnavailableError(
      "PDF kräver paketet playwright-core, som inte är installerat (npm install playwright-core); rapporten i övrigt är byggd. " +
        "(PDF needs the playwright-core package, which is not installed; the rest of the report was built.)",
    );
  }
}

export interface PdfOptions {
  /** Path of the Chromium binary (see `chromiumPath`). */
  chromium: string;
  /** The report's title, printed in the page header. */
  title: string;
  /** The report's build time: the PDF's /CreationDate and /ModDate (see `setPdfDates`). */
  buildTime: Date;
  /** Upper bound for launching, loading and printing, in milliseconds (default 60 000). */
  timeoutMs?: number;
}

const headerTemplate = (title: string) =>
  `<div style="font-family:'DejaVu Sans',Arial,sans-serif;font-size:8pt;color:#4a4a4a;width:100%;margin:0 18mm;">${escapeHtml(title)}</div>`;
const FOOTER_TEMPLATE =
  `<div style="font-family:'DejaVu Sans',Arial,sans-serif;font-size:8pt;color:#4a4a4a;width:100%;margin:0 18mm;text-align:right;">` +
  `Sida <span class="pageNumber"></span> av <span class="totalPages"></span></div>`;

/** `D:YYYYMMDDHHmmSS` (PDF date, ISO 32000-1 7.9.4) of a time, in UTC. */
function pdfDateDigits(time: Date): string {
  const iso = Number.isNaN(time.getTime()) ? "" : time.toISOString();
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)/.exec(iso);
  if (m === null) throw new Error(`the build time ${JSON.stringify(iso || String(time))} cannot be written as a PDF date`);
  return `D:${m.slice(1).join("")}`;
}

/**
 * A filter for a PDF's text: the matches that are PDF syntax, not in a stream's data (compressed
 * content, fonts, images), where the same bytes may turn up by chance.
 */
function outsideStreams(text: string): (matches: Iterable<RegExpExecArray>) => RegExpExecArray[] {
  const streams: [number, number][] = [];
  for (const m of text.matchAll(/\bstream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endstream", start);
    streams.push([start, end < 0 ? text.length : end]);
  }
  return (matches) => [...matches].filter((m) => !streams.some(([s, e]) => m.index >= s && m.index < e));
}

/**
 * Sets the document information dictionary's /CreationDate and /ModDate to `time` (UTC), in place.
 *
 * Chromium stamps both with the wall clock (Skia's SkPDFMetadata, local time with its offset,
 * `(D:20261130023515+00'00')`) and offers no way to choose them: Page.printToPDF (and so
 * playwright's page.pdf) has no date option, and playwright's page.clock fakes only the page's
 * JavaScript clock, not the printer's. Re-serialising the file with a PDF library (pdf-lib is not
 * a dependency) would rewrite every object for two fields. Instead each date's literal string is
 * overwritten with the build time in the same number of bytes (Skia's form
 * `D:YYYYMMDDHHmmSS+00'00'` is the same length as Chromium's; a longer original keeps the value
 * and is padded with spaces after the closing parenthesis, whitespace between dictionary tokens):
 * no byte moves, so the cross-reference table and startxref stay valid and the file is exactly as
 * well-formed as Chromium wrote it. A PDF without an information dictionary is returned as it is;
 * one whose dates cannot be rewritten this way (compressed into an object stream, a hex string,
 * too short) is an error rather than a PDF that differs from build to build.
 */
export function setPdfDates(pdf: Uint8Array, time: Date): Uint8Array {
  const digits = pdfDateDigits(time);
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString("latin1");
  const outside = outsideStreams(text);
  // The trailer (or cross-reference stream) comes last; a later update's trailer wins.
  const info = outside(text.matchAll(/\/Info\s+(\d+)\s+(\d+)\s+R\b/g)).at(-1);
  if (info === undefined) {
    if (outside(text.matchAll(/\/(?:CreationDate|ModDate)\b/g)).length > 0) throw new Error("the PDF has dates outside a document information dictionary; cannot set them to the build time");
    return pdf;
  }
  // The information dictionary's object (its last definition, as for an incremental update).
  const header = outside(text.matchAll(new RegExp(`(?:^|\\s)${info[1]}\\s+${info[2]}\\s+obj\\b`, "g"))).at(-1);
  if (header === undefined) throw new Error(`the PDF's information dictionary (object ${info[1]}) is not stored as plain text; cannot set its dates to the build time`);
  const start = header.index + header[0].length;
  const end = text.indexOf("endobj", start);
  if (end < 0) throw new Error(`the PDF's information dictionary (object ${info[1]}) has no end`);
  const body = text.slice(start, end);
  const keys = body.match(/\/(?:CreationDate|ModDate)\b/g)?.length ?? 0;
  if (keys === 0) return pdf;
  const out = new Uint8Array(pdf);
  let rewritten = 0;
  for (const m of body.matchAll(/\/(CreationDate|ModDate)(\s*)\(([^()\\]*)\)/g)) {
    const old = m[3];
    const value = [`${digits}+00'00'`, `${digits}+00'00`, `${digits}Z`].find((v) => v.length <= old.length);
    if (value === undefined) throw new Error(`the PDF's /${m[1]} (${old}) is too short to hold the build time`);
    const at = start + m.index + 1 + m[1].length + m[2].length; // the "("
    const replacement = `(${value})`.padEnd(old.length + 2, " ");
    out.set(Buffer.from(replacement, "latin1"), at);
    rewritten++;
  }
  if (keys !== rewritten) throw new Error("the PDF's /CreationDate or /ModDate is not a plain literal string; cannot set it to the build time");
  return out;
}


/**
 * Renumbers the structure elements' identifiers, `(node00000043)`, to 1, 2, 3 … in their order,
 * in place and in as many bytes.
 *
 * Chromium names each element of a tagged PDF's structure tree after its DOM node's id, a counter
 * of the renderer process that also counts the nodes something else asked an id for first: a busy
 * machine now and then prints the same page with every id after some point one higher. The ids
 * are opaque labels, used only as the elements' /ID, in table cells' /Headers and in the /IDTree
 * that maps them to the elements; each id is replaced by its rank among all of them, everywhere,
 * so the references still match, the /IDTree's keys stay sorted (the digits are zero-padded to the
 * same width) and no byte moves. Stream data is left alone.
 */
export function renumberStructureIds(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString("latin1");
  const outside = outsideStreams(text);
  // The ids are those the elements carry as /ID; each is renamed wherever it is referred to.
  const own = new Set(outside(text.matchAll(/\/ID\s*\(node(\d+)\)/g)).map((m) => m[1]));
  const hits = outside(text.matchAll(/\(node(\d+)\)/g)).filter((m) => own.has(m[1]));
  if (hits.length === 0) return pdf;
  const ids = [...own].sort((a, b) => Number(a) - Number(b) || a.length - b.length);
  const rank = new Map(ids.map((id, i) => [id, String(i + 1).padStart(id.length, "0")]));
  const out = new Uint8Array(pdf);
  for (const m of hits) {
    const id = rank.get(m[1])!;
    if (id.length !== m[1].length) throw new Error(`the PDF's structure id node${m[1]} cannot be renumbered in place`);
    out.set(Buffer.from(id, "latin1"), m.index + "(node".length);
  }
  return out;
}

/** Prints a local HTML file to PDF bytes with Chromium; its dates are `opts.buildTime`. */
export async function renderPdf(htmlFile: string, opts: PdfOptions): Promise<Uint8Array> {
  const { chromium } = await loadPlaywright();
  const timeout = opts.timeoutMs ?? 60_000;
  const url = pathToFileURL(path.resolve(htmlFile)).href;
  const browser = await chromium.launch({ executablePath: opts.chromium, headless: true, args: [...CHROMIUM_ARGS], timeout });
  try {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: true });
    context.setDefaultTimeout(timeout);
    await context.route("**/*", (route) => (route.request().url() === url ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "load", timeout });
    // Open the data tables under the charts: a printed report has no "click to show".
    await page.evaluate(() => {
      for (const d of Array.from(document.querySelectorAll("details"))) d.open = true;
    });
    const pdf = await page.pdf({
      format: "A4",
      preferCSSPageSize: true,
      printBackground: true,
      tagged: true,
      outline: true,
      displayHeaderFooter: true,
      headerTemplate: headerTemplate(opts.title),
      footerTemplate: FOOTER_TEMPLATE,
    });
    // What Chromium does not print the same way twice, made so (see the two functions).
    return renumberStructureIds(setPdfDates(new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength), opts.buildTime));
  } finally {
    await browser.close();
  }
}

/**
 * The `--pdf` step of `utfall build`, run on the report's staged folder before it replaces the
 * previous version (the `derive` option of src/report/write.ts), so a report and its PDF are
 * swapped in together or not at all. Returns the PDF's name in the folder and its bytes, or
 * `{ unavailable }` with the message to show (exit 2) when no PDF can be printed here (the report
 * is then written without one). Any other failure is a ReportError saying the report was not
 * built: the write stops before the swap, so the previous output is left as it was.
 */
export async function pdfForBuild(
  stagedDir: string,
  name: string,
  title: string,
  buildTime: Date,
  env: Readonly<Record<string, string | undefined>>,
  exists: (file: string) => boolean = existsSync,
): Promise<{ file: string; pdf: Uint8Array } | { unavailable: string }> {
  try {
    const chromium = chromiumPath(env, exists);
    return { file: `${name}.pdf`, pdf: await renderPdf(path.join(stagedDir, "index.html"), { chromium, title, buildTime }) };
  } catch (err) {
    if (err instanceof PdfUnavailableError) return { unavailable: err.message };
    const why = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new ReportError(
      `PDF:en kunde inte skrivas (could not print the PDF): ${why}. ` +
        `Kontrollera Chromium (CHROMIUM_PATH) eller bygg utan --pdf (check Chromium or build without --pdf).`,
    );
  }
}
