/**
 * `out/index.html`: every report found in an output folder — internal ones in `<out>/<name>/`,
 * public ones in `<out>/publik/<name>/` — with its title, period, build time, whether it is public
 * or internal, and links to the page, the workbook and figures.json. Read from each report's
 * figures.json, so it lists what is on disk, also reports built by earlier runs. One self-contained
 * page (lang="sv", no script, no external reference), written atomically (temporary file + rename).
 */
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomically } from "./atomic-file.ts";
import { formatMonth } from "./format.ts";
import { reportFolders } from "../report/folders.ts";

export interface IndexEntry {
  /** The report's folder name. */
  name: string;
  title: string;
  unit: string | null;
  /** "YYYY-MM", or null for a report without a period. */
  period: string | null;
  /** ISO 8601 UTC. */
  buildTime: string;
  public: boolean;
  /** Path of the report folder relative to the index page, with "/". */
  href: string;
  /** Files present in the folder, relative to it (tabeller.xlsx, <name>.pdf). */
  extras: { href: string; label: string }[];
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

async function entriesIn(dir: string, prefix: string): Promise<IndexEntry[]> {
  const out: IndexEntry[] = [];
  for (const { name, folder, head } of await reportFolders(dir)) {
    if (head === undefined) continue; // a figures.json that cannot be read tells nothing to list
    const extras: IndexEntry["extras"] = [];
    if (await exists(path.join(folder, "tabeller.xlsx"))) extras.push({ href: "tabeller.xlsx", label: "Tabeller (Excel)" });
    if (await exists(path.join(folder, `${name}.pdf`))) extras.push({ href: `${name}.pdf`, label: "PDF" });
    extras.push({ href: "figures.json", label: "Siffror (JSON)" });
    out.push({
      name,
      title: head.report?.title ?? name,
      unit: head.parameters?.unit ?? null,
      period: head.parameters?.period ?? null,
      buildTime: head.buildTime ?? "",
      public: head.parameters?.public === true,
      href: `${prefix}${encodeURIComponent(name)}/`,
      extras,
    });
  }
  return out;
}

/** The reports in `outDir` (internal) and `outDir/<publicFolder>` (public), internal first. */
export async function findBuiltReports(outDir: string, publicFolder = "publik"): Promise<IndexEntry[]> {
  const internal = (await entriesIn(outDir, "")).filter((e) => !e.public);
  const published = (await entriesIn(path.join(outDir, publicFolder), `${publicFolder}/`)).filter((e) => e.public);
  return [...internal, ...published];
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** "29 november 2026, kl. 16:23 UTC" from an ISO time. */
function buildTimeText(iso: string): string {
  const d = new Date(iso);
  if (!Number.isFinite(d.getTime())) return "–";
  const months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}, kl. ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0;line-height:1.5}
main{max-width:60rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.6rem;margin:0 0 .5rem}
p{margin:.25rem 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.5rem 0}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #767676;overflow-wrap:anywhere}
th{background:#f2f2f2}
a{color:#0b57a4}
a:focus{outline:3px solid #0b57a4;outline-offset:2px}
.status-public{font-weight:600}
ul{margin:0;padding-left:1.1rem}
@media print{a{color:#1a1a1a}}
`.trim();

/** What the page says under its heading: of the whole output folder, or of its public folder. */
const INTRO = {
  all: "Alla rapporter i mappen, med period, när de byggdes och om de är publika eller interna.",
  public: "De publika rapporterna. Den här mappen är det som får publiceras: den innehåller inga interna rapporter.",
};

/**
 * The index page for these entries. `generated` is the build time of this run (ISO). With
 * `publicOnly` it is the page of the public folder: its entries are public, and it says that the
 * folder is what may be published.
 */
export function renderIndexPage(entries: readonly IndexEntry[], generated: string, publicOnly = false): string {
  const rows = entries
    .map((e) => {
      const extras = e.extras.map((x) => `<li><a href="${escapeHtml(e.href + x.href)}">${escapeHtml(x.label)}<span class="visually-hidden"> – ${escapeHtml(e.title)}</span></a></li>`).join("");
      return [
        "<tr>",
        `<td><a href="${escapeHtml(e.href)}index.html">${escapeHtml(e.title)}</a>${e.unit ? `<br>${escapeHtml(e.unit)}` : ""}</td>`,
        `<td>${e.period ? escapeHtml(formatMonth(e.period)) : "–"}</td>`,
        `<td>${escapeHtml(buildTimeText(e.buildTime))}</td>`,
        `<td${e.public ? ' class="status-public"' : ""}>${e.public ? "Publik" : "Intern – får inte publiceras"}</td>`,
        `<td><ul>${extras}</ul></td>`,
        "</tr>",
      ].join("");
    })
    .join("\n");
  const body = entries.length === 0
    ? "<p>Inga rapporter är byggda i den här mappen ännu.</p>"
    : `<table>
<caption>Rapporter (${entries.length})</caption>
<thead><tr><th scope="col">Rapport</th><th scope="col">Period</th><th scope="col">Byggd</th><th scope="col">Version</th><th scope="col">Filer</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  return `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapporter</title>
<style>${STYLE}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}</style>
</head>
<body>
<main>
<h1>Rapporter</h1>
<p>${publicOnly ? INTRO.public : INTRO.all} Senast uppdaterad ${escapeHtml(buildTimeText(generated))}.</p>
${body}
</main>
</body>
</html>
`;
}

/** Write `<outDir>/index.html` for the reports found there; returns its path and the entries. */
export async function writeIndexPage(outDir: string, generated: string, publicFolder = "publik"): Promise<{ file: string; entries: IndexEntry[] }> {
  await mkdir(outDir, { recursive: true });
  const entries = await findBuiltReports(outDir, publicFolder);
  await writeFileAtomically(path.join(outDir, "index.html"), renderIndexPage(entries, generated));
  // The public folder gets a page of its own, listing only its reports and linking nothing outside
  // it: `<out>/publik/` is what a municipality uploads, never `<out>/` with the internal reports.
  const publicDir = path.join(outDir, publicFolder);
  const published = entries.filter((e) => e.public).map((e) => ({ ...e, href: e.href.slice(publicFolder.length + 1) }));
  if (published.length > 0) await writeFileAtomically(path.join(publicDir, "index.html"), renderIndexPage(published, generated, true));
  return { file: path.join(outDir, "index.html"), entries };
}

