/**
 * `<report>.pdf`: the built index.html printed by the system's Chromium (Debian's `chromium`,
 * driven by playwright-core; never a downloaded browser). A4 from the page's print stylesheet,
 * tagged PDF with an outline from the headings, the title in the header and "Sida n av m" in the
 * footer. Charts are kept whole by the print CSS (break-inside: avoid, src/render/page/style.ts);
 * the data tables under the charts are opened so they are printed too.
 *
 * Side effects are explicit: the Chromium path comes from the environment (CHROMIUM_PATH, else
 * /usr/bin/chromium) and an `exists` check the caller may replace; the browser only ever loads the
 * one local file (every other request is aborted) and is closed in every case.
 */
import { existsSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
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
  /** Upper bound for launching, loading and printing, in milliseconds (default 60 000). */
  timeoutMs?: number;
}

const headerTemplate = (title: string) =>
  `<div style="font-family:'DejaVu Sans',Arial,sans-serif;font-size:8pt;color:#4a4a4a;width:100%;margin:0 18mm;">${escapeHtml(title)}</div>`;
const FOOTER_TEMPLATE =
  `<div style="font-family:'DejaVu Sans',Arial,sans-serif;font-size:8pt;color:#4a4a4a;width:100%;margin:0 18mm;text-align:right;">` +
  `Sida <span class="pageNumber"></span> av <span class="totalPages"></span></div>`;

/** Prints a local HTML file to PDF bytes with Chromium. */
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
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}

/**
 * Prints `<reportDir>/index.html` to `<reportDir>/<name>.pdf` (written to a temporary file and
 * renamed, so a failed print leaves no half PDF). Returns the PDF's path.
 */
export async function writeReportPdf(reportDir: string, name: string, opts: PdfOptions): Promise<string> {
  const target = path.join(reportDir, `${name}.pdf`);
  const tmp = path.join(reportDir, `.${name}.pdf.tmp`);
  try {
    await writeFile(tmp, await renderPdf(path.join(reportDir, "index.html"), opts));
    await rename(tmp, target);
  } finally {
    await rm(tmp, { force: true });
  }
  return target;
}

/**
 * The `--pdf` step of `utfall build`, after the report folder is written: `{ file }` when the PDF
 * was printed, `{ unavailable }` with the message to show (exit 2) when it cannot be printed
 * here. Any other failure is thrown with a message saying that the rest of the report is built.
 */
export async function pdfForBuild(
  reportDir: string,
  name: string,
  title: string,
  env: Readonly<Record<string, string | undefined>>,
  exists: (file: string) => boolean = existsSync,
): Promise<{ file: string } | { unavailable: string }> {
  try {
    return { file: await writeReportPdf(reportDir, name, { chromium: chromiumPath(env, exists), title }) };
  } catch (err) {
    if (err instanceof PdfUnavailableError) return { unavailable: err.message };
    const why = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new Error(`PDF:en kunde inte skrivas (could not print the PDF): ${why}; rapporten i övrigt är byggd`);
  }
}
