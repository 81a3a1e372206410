// End to end: the real report scripts in reports/ built from data/sample by `runBuild` (what
// `utfall build` runs), twice with the same SOURCE_DATE_EPOCH and pseudonym key, and once with
// --public. Checks determinism, self-containment, that no identity number of the sample reaches
// any output, provenance hashes, and small-count suppression in the public build.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { isUtf8 } from "node:buffer";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findReports } from "../../src/cli/reports.ts";
import type { FiguresDocument, TableRecord } from "../../src/report/build.ts";
import { ROOT } from "../report/helpers.ts";
import { readWrittenCsv } from "../report/written-csv.ts";
import { buildSamples, readAll, SAMPLE_DIR, type SampleBuild } from "./sample.ts";

const REPORTS = [...(await findReports(path.join(ROOT, "reports"))).keys()];

// ---------------------------------------------------------------------------------------------
// Identity numbers of the sample

/** The identity numbers in a sample export's "Personnummer" column, as written. */
function identityNumbers(file: string): string[] {
  const bytes = readFileSync(path.join(SAMPLE_DIR, file));
  const text = isUtf8(bytes) ? iconv.decode(bytes, "utf8") : iconv.decode(bytes, "windows-1252");
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.split(";").some((h) => h.trim() === "Personnummer"));
  if (headerAt < 0) throw new Error(`${file}: no Personnummer column`);
  const col = lines[headerAt].split(";").findIndex((h) => h.trim() === "Personnummer");
  const width = lines[headerAt].split(";").length;
  // Data rows have the header's fields; a footer line ("Antal rader: 3830") does not.
  const rows = lines.slice(headerAt + 1).map((l) => l.split(";")).filter((f) => f.length === width);
  expect(rows.length, file).toBeGreaterThan(100);
  const cells = rows.map((f) => f[col].trim()).filter((c) => c !== "");
  const shaped = cells.filter((c) => /^(\d{6}|\d{8})[-+]?\d{4}$/.test(c));
  // Every cell of the column is read: a spelling the regex misses would make the search blind.
  expect(shaped.length, `${file}: cells of Personnummer not shaped like an identity number`).toBe(cells.length);
  return shaped;
}

/** The spellings an identity number could take in an output: 12 and 10 digits, with and without dash. */
export function spellings(pnr: string): string[] {
  const d = pnr.replace(/[-+]/g, "");
  const twelve = d.length === 12 ? [d] : ["19" + d, "20" + d];
  const ten = d.length === 12 ? d.slice(2) : d;
  return [...twelve.flatMap((t) => [t, `${t.slice(0, 8)}-${t.slice(8)}`]), ten, `${ten.slice(0, 6)}-${ten.slice(6)}`, `${ten.slice(0, 6)}+${ten.slice(6)}`];
}

/** Every needle found in text, also inside a longer run of digits. */
function findNeedles(text: string, needles: ReadonlySet<string>): string[] {
  const hits: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    for (const len of [10, 11, 12, 13]) {
      const s = text.substr(i, len);
      if (needles.has(s)) hits.push(s);
    }
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------
// External references in HTML

const SVG_NAMESPACES = new Set(["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"]);

/**
 * Every http(s) URL in the page except the SVG namespace declarations (xmlns / xmlns:xlink with
 * exactly the W3C namespace) on <svg> start tags, which name a namespace and are never fetched.
 */
function externalUrls(html: string): string[] {
  const stripped = html.replace(/<svg\b[^>]*>/g, (tag) =>
    tag.replace(/\sxmlns(?::xlink)?="([^"]*)"/g, (attr, value: string) => (SVG_NAMESPACES.has(value) ? "" : attr)),
  );
  return [...stripped.matchAll(/https?:\/\/[^\s"'<>)]*/gi)].map((m) => m[0]);
}

// ---------------------------------------------------------------------------------------------

describe("the sample reports, built end to end", () => {
  let tmp: string;
  let first: SampleBuild;
  let second: SampleBuild;
  let pub: SampleBuild;
  const files = new Map<string, Map<string, Buffer>>(); // "first" | "second" | "public" → path → bytes

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "utfall-e2e-"));
    first = await buildSamples(path.join(tmp, "first"));
    second = await buildSamples(path.join(tmp, "second"));
    pub = await buildSamples(path.join(tmp, "public"), ["--public"]);
    for (const [key, build] of [["first", first], ["second", second], ["public", pub]] as const) {
      files.set(key, build.code === 0 ? await readAll(build.out) : new Map());
    }
  });

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const doc = (key: string, report: string) => JSON.parse(files.get(key)!.get(`${report}/figures.json`)!.toString("utf8")) as FiguresDocument;

  it("finds the report scripts and builds every one, exit 0, nothing on stderr", () => {
    expect(REPORTS).toContain("delarsrapport");
    expect(REPORTS.every((n) => !n.startsWith("_"))).toBe(true);
    for (const build of [first, second, pub]) {
      expect(build.stderr).toBe("");
      expect(build.code).toBe(0);
      for (const name of REPORTS) expect(build.stdout).toContain(`Klar: ${name} → `);
    }
    for (const name of REPORTS) {
      const out = [...files.get("first")!.keys()].filter((f) => f.startsWith(`${name}/`));
      expect(out).toContain(`${name}/index.html`);
      expect(out).toContain(`${name}/figures.json`);
      const d = doc("first", name);
      // Every chart has its SVG, PNG and CSV; every table its CSV.
      for (const c of d.charts) expect(out).toEqual(expect.arrayContaining([`${name}/${c.files.svg}`, `${name}/${c.files.png}`, `${name}/${c.data.file}`]));
      for (const t of d.tables) expect(out).toContain(`${name}/${t.file}`);
    }
  });

  it("gives byte-identical output in two builds (index.html, SVG, PNG, CSV, figures.json)", () => {
    const a = files.get("first")!;
    const b = files.get("second")!;
    expect([...b.keys()]).toEqual([...a.keys()]);
    const kinds = new Set([...a.keys()].map((f) => path.extname(f)));
    expect([...kinds].sort()).toEqual([".csv", ".html", ".json", ".png", ".svg", ".txt", ".xlsx"]);
    for (const [file, bytes] of a) expect(bytes.equals(b.get(file)!), `${file} differs between two builds`).toBe(true);
    expect(doc("first", "delarsrapport").buildTime).toBe("2023-11-14T22:13:20.000Z");
  });

  it("writes self-contained pages: lang=sv, no script, no external reference", () => {
    // The check itself: it catches what it must and lets the SVG namespaces through.
    expect(externalUrls('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><g/></svg>')).toEqual([]);
    expect(externalUrls('<div xmlns="http://www.w3.org/2000/svg"></div>')).toEqual(["http://www.w3.org/2000/svg"]);
    expect(externalUrls('<svg xmlns="http://evil.example/svg"><image href="https://x.example/a.png"/></svg>')).toEqual(["http://evil.example/svg", "https://x.example/a.png"]);
    expect(externalUrls("<p>se http://www.w3.org/2000/svg</p>")).toEqual(["http://www.w3.org/2000/svg"]);

    for (const key of ["first", "public"]) {
      for (const name of REPORTS) {
        const html = files.get(key)!.get(`${name}/index.html`)!.toString("utf8");
        expect(html.startsWith('<!DOCTYPE html>\n<html lang="sv">\n')).toBe(true);
        expect(html).not.toMatch(/<script/i);
        expect(externalUrls(html)).toEqual([]);
        // Nothing else that could load something: no src, no url(), no @import, no <link>,
        // <iframe>, <object>, <embed>; links only to fragments of the page itself.
        expect(html).not.toMatch(/\ssrc\s*=|url\(|@import|<link\b|<iframe\b|<object\b|<embed\b|<base\b/i);
        const hrefs = [...html.matchAll(/\shref\s*=\s*"([^"]*)"/g)].map((m) => m[1]);
        expect(hrefs.length).toBeGreaterThan(0);
        for (const href of hrefs) {
          expect(href).toMatch(/^#[\w-]+$/);
          expect(html).toContain(` id="${href.slice(1)}"`);
        }
      }
    }
  });

  it("never writes an identity number of the sample, in any spelling, to any output file or log", () => {
    const pnrs = ["deltagare.csv", "narvaro.csv", "ekonomiskt-bistand.csv"].flatMap(identityNumbers);
    expect(pnrs.length).toBeGreaterThan(1000);
    const needles = new Set(pnrs.flatMap(spellings));
    // The search finds a number however it is written, also inside a longer digit run.
    const probe = pnrs[0];
    for (const s of spellings(probe)) expect(findNeedles(`<text>7${s}</text>`, needles)).toContain(s);
    expect(findNeedles("0123456789 2023-04-30 1 694 000", needles)).toEqual([]);

    let scanned = 0;
    for (const [key, build] of [["first", first], ["public", pub]] as const) {
      const outputs: [string, string][] = [...files.get(key)!].map(([f, bytes]) => [`${key}/${f}`, bytes.toString("latin1")]);
      outputs.push([`${key}: stdout`, build.stdout], [`${key}: stderr`, build.stderr]);
      for (const [file, content] of outputs) {
        expect(findNeedles(content, needles), `${file} contains an identity number`).toEqual([]);
        // Nor a pseudonym (p + 16 hex digits): no output is person level.
        if (!file.endsWith(".png")) expect(content, file).not.toMatch(/\bp[0-9a-f]{16}\b/);
        scanned++;
      }
    }
    expect(scanned).toBeGreaterThan(20);
  });

  it("records every input in figures.json with the SHA-256 of its bytes, and shows it in the footer", () => {
    for (const name of REPORTS) {
      const d = doc("first", name);
      const html = files.get("first")!.get(`${name}/index.html`)!.toString("utf8");
      expect(d.inputs.length).toBeGreaterThan(0);
      for (const input of d.inputs) {
        const bytes = readFileSync(path.join(SAMPLE_DIR, input.name));
        expect(input.sha256, input.name).toBe(createHash("sha256").update(bytes).digest("hex"));
        expect(input.rowsRead).toBe(input.rowsAccepted + input.rowsQuarantined);
        // Strict by default: the sample has no bad row, so nothing was quarantined.
        expect(input.rowsQuarantined, input.name).toBe(0);
        expect(html).toContain(`<th scope="row">${input.name}</th><td>${input.kind}</td><td><code>${input.sha256}</code></td>`);
      }
      expect(new Set(d.inputs.map((i) => i.name)).size).toBe(d.inputs.length);
      expect(doc("public", name).inputs).toEqual(d.inputs);
    }
    expect(doc("first", "delarsrapport").inputs.map((i) => i.name)).toEqual(expect.arrayContaining(["deltagare.csv", "huvudbok.csv"]));
  });

  it("public build: no person count 1–4 in any table or chart data, and '..' where the internal build had one", () => {
    /** Integer columns count persons (participants, enrolments ended, …) except these. */
    const NOT_PERSONS = new Set(["Platser"]);
    /** Tables of places, not persons (their columns are `persons: false`): requested places (insatser). */
    const NOT_PERSON_TABLES = new Set(["efterfragade-platser", "efterfragade-per-forvaltning"]);
    const tablesOf = (d: FiguresDocument): TableRecord[] => [...d.tables, ...d.charts.map((c) => c.data)];
    let personTables = 0;
    let smallInternal = 0;
    for (const name of REPORTS) {
      const internal = doc("first", name);
      const published = doc("public", name);
      expect(published.parameters.public).toBe(true);
      const html = files.get("public")!.get(`${name}/index.html`)!.toString("utf8");
      for (const table of tablesOf(published)) {
        const personCols = table.columns.flatMap((c, i) => (c.format === "integer" && !NOT_PERSONS.has(c.label) ? [i] : []));
        if (personCols.length === 0 || NOT_PERSON_TABLES.has(table.name)) continue;
        personTables++;
        const csv = readWrittenCsv(files.get("public")!.get(`${name}/${table.file}`)!.toString("utf8"));
        expect(csv[0], table.file).toEqual(table.columns.map((c) => expect.stringContaining(c.label)));
        expect(csv.length - 1, table.file).toBe(table.rows.length);
        // Rows are matched on their text columns (order may differ between builds).
        const textCols = table.columns.flatMap((c, i) => (c.format === "text" || c.format === "month" ? [i] : []));
        const key = (row: unknown[]) => JSON.stringify(textCols.map((i) => row[i]));
        const before = tablesOf(internal).find((t) => t.name === table.name)!;
        expect(before, table.name).toBeDefined();
        const internalRows = new Map(before.rows.map((r) => [key(r), r]));
        for (const [r, row] of table.rows.entries()) {
          const cells = csv[r + 1];
          expect(cells.map((c, i) => (textCols.includes(i) ? c : null)), `${table.file} row ${r + 1}`).toEqual(row.map((v, i) => (textCols.includes(i) ? (v === null ? "" : String(v)) : null)));
          const was = internalRows.get(key(row));
          expect(was, `${table.file}: row ${key(row)} is missing from the internal build`).toBeDefined();
          for (const i of personCols) {
            expect(cells[i], `${table.file} row ${r + 1}, ${table.columns[i].label}`).not.toMatch(/^[1-4]$/);
            const v = row[i];
            expect(typeof v === "number" && v >= 1 && v <= 4, `${table.name}: ${v}`).toBe(false);
            if (typeof was![i] === "number" && (was![i] as number) >= 1 && (was![i] as number) <= 4) {
              smallInternal++;
              expect(cells[i], `${table.file} row ${r + 1}, ${table.columns[i].label}: internal ${was![i]}`).toBe("..");
              expect(v).toBeNull();
            }
          }
        }
      }
      // Key figures and figures in the text that count something.
      for (const f of published.figures) {
        if (f.format === "integer") expect(typeof f.value === "number" && f.value >= 1 && f.value <= 4, f.id).toBe(false);
      }
      if (html.includes("<abbr")) expect(html).toContain("..: dolt för att skydda enskilda personer");
    }
    // Not vacuous: the sample has person tables, and small counts in the internal build.
    expect(personTables).toBeGreaterThan(2);
    expect(smallInternal).toBeGreaterThan(0);
  });
});
