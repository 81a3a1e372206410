// `utfall build --pdf`: the PDF printed by Debian's Chromium holds the report's key figures, its
// outline holds the headings, it is tagged A4 with the title and page numbers on every page, and
// no chart is split across pages. Without Chromium: a Swedish message, exit 2, the rest built.
// Text and page facts come from poppler-utils (pdftotext, pdfinfo); the outline is read from the
// PDF's own objects.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { renumberStructureIds, setPdfDates } from "../../src/render/pdf.ts";
import { currentPlan, requireBrowser } from "../browser/harness.ts";
import { ROOT, TEST_ENV } from "../report/helpers.ts";
import { CHART_COUNT, chartAxis, chartLabels } from "./pdf-fixture.ts";

interface OutlineItem {
  title: string;
  children: OutlineItem[];
}

/** A PDF string: literal `(…)` with escapes, or hex `<FEFF…>` (UTF-16BE) / `<…>` (bytes). */
function pdfString(raw: string): string {
  if (raw.startsWith("<")) {
    const hex = raw.slice(1, -1).replace(/\s+/g, "");
    const bytes = Buffer.from(hex, "hex");
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString("utf16le");
    return bytes.toString("latin1");
  }
  return raw
    .slice(1, -1)
    .replace(/\\([0-7]{1,3}|.)/g, (_, e: string) => (/^[0-7]+$/.test(e) ? String.fromCharCode(parseInt(e, 8)) : ({ n: "\n", r: "\r", t: "\t" } as Record<string, string>)[e] ?? e));
}

/** The document outline (bookmarks): /Outlines → /First → /Next …, children through /First. */
function pdfOutline(pdf: Uint8Array): OutlineItem[] {
  const text = Buffer.from(pdf).toString("latin1");
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\b([\s\S]*?)\bendobj/g)) objects.set(Number(m[1]), m[2]);
  const ref = (body: string, key: string) => {
    const m = new RegExp(`/${key} (\\d+) 0 R`).exec(body);
    return m ? Number(m[1]) : undefined;
  };
  const catalog = [...objects.values()].find((b) => /\/Type\s*\/Catalog/.test(b));
  const root = catalog === undefined ? undefined : ref(catalog, "Outlines");
  if (root === undefined) return [];
  const items = (first: number | undefined): OutlineItem[] => {
    const out: OutlineItem[] = [];
    for (let n = first; n !== undefined; ) {
      const body = objects.get(n)!;
      const title = /\/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/.exec(body);
      out.push({ title: title ? pdfString(title[1]) : "", children: items(ref(body, "First")) });
      n = ref(body, "Next");
    }
    return out;
  };
  return items(ref(objects.get(root)!, "First"));
}

const flat = (s: string) => s.replace(/[\u00a0\u202f]/g, " ").replace(/[ \t]+/g, " ");

async function project(): Promise<{ dir: string; data: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "utfall-pdf-"));
  await mkdir(path.join(dir, "reports"));
  await mkdir(path.join(dir, "data"));
  const fixture = pathToFileURL(path.join(ROOT, "test/render/pdf-fixture.ts")).href;
  await writeFile(path.join(dir, "reports/utskrift.ts"), `export { pdfReport as default } from ${JSON.stringify(fixture)};\n`);
  return { dir, data: path.join(dir, "data") };
}

/**
 * A small PDF laid out as Chromium (Skia) writes one: the information dictionary as object 1,
 * a classic cross-reference table with each object's byte offset, and startxref.
 */
function skiaLikePdf(info: string, more: string[] = []): Uint8Array {
  const objects = [
    `<</Title (Prov)\n/Producer (Skia/PDF m156)\n${info}>>`,
    "<</Type /Catalog\n/Pages 3 0 R>>",
    "<</Type /Pages\n/Kids []\n/Count 0>>",
    ...more,
  ];
  let text = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) text += `${String(o).padStart(10, "0")} 00000 n \n`;
  text += `trailer\n<</Size ${objects.length + 1}\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF`;
  return new Uint8Array(Buffer.from(text, "latin1"));
}

/** Every object's offset in the cross-reference table still points at its `N 0 obj`. */
function expectXrefValid(pdf: Uint8Array): void {
  const text = Buffer.from(pdf).toString("latin1");
  const xref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  expect(text.startsWith("xref", xref)).toBe(true);
  const entries = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  expect(entries.length).toBeGreaterThan(0);
  entries.forEach((offset, i) => expect(text.startsWith(`${i + 1} 0 obj`, offset), `object ${i + 1}`).toBe(true));
}

const infoDates = (pdf: Uint8Array) => /\/CreationDate \(([^)]*)\)\s*\/ModDate \(([^)]*)\)/.exec(Buffer.from(pdf).toString("latin1"))?.slice(1);

describe("setPdfDates: the PDF's dates are the build time", () => {
  const time = new Date("2023-11-14T22:13:20.000Z");

  it("rewrites Chromium's wall-clock dates in place, every other byte and offset unchanged", () => {
    // Skia writes local time with its offset; the build time is written in UTC, in as many bytes.
    const before = skiaLikePdf("/CreationDate (D:20261130023515-05'00')\n/ModDate (D:20261130023516-05'00')");
    const after = setPdfDates(before, time);
    expect(after.length).toBe(before.length);
    expect(infoDates(after)).toEqual(["D:20231114221320+00'00'", "D:20231114221320+00'00'"]);
    const changed = [...after.keys()].filter((i) => after[i] !== before[i]);
    const at = Buffer.from(before).toString("latin1").indexOf("(D:20261130023515");
    expect(changed.every((i) => i > at && i < at + 90)).toBe(true);
    expectXrefValid(after);
    // The same build time gives the same bytes, whatever the clock said.
    const other = skiaLikePdf("/CreationDate (D:20300101000000+02'00')\n/ModDate (D:20300101000001+02'00')");
    expect(Buffer.from(setPdfDates(other, time)).equals(Buffer.from(after))).toBe(true);
    expect(Buffer.from(setPdfDates(after, time)).equals(Buffer.from(after))).toBe(true);
    expect(Buffer.from(before).toString("latin1")).toContain("D:20261130023515-05'00'"); // the input is not changed
  });

  it("fits a longer or shorter date form without moving a byte", () => {
    const long = skiaLikePdf("/CreationDate (D:20261130023515+05'30' )\n/ModDate (D:20261130023515Z)");
    const after = setPdfDates(long, time);
    expect(after.length).toBe(long.length);
    expect(infoDates(after)).toEqual(["D:20231114221320+00'00'", "D:20231114221320Z"]);
    expectXrefValid(after);
  });

  it("leaves a PDF without dates as it is, and refuses dates it cannot rewrite", () => {
    const none = skiaLikePdf("/Creator (utfall)");
    expect(setPdfDates(none, time)).toBe(none);
    expect(() => setPdfDates(skiaLikePdf("/CreationDate <443A32303236>"), time)).toThrow(/CreationDate or \/ModDate/);
    expect(() => setPdfDates(skiaLikePdf("/CreationDate (D:2026)"), time)).toThrow(/too short/);
    expect(() => setPdfDates(none, new Date(Number.NaN))).toThrow(/PDF date/);
  });
});

describe("renumberStructureIds: the structure ids do not depend on Chromium's timing", () => {
  // Chromium names structure elements after DOM node ids; a busy machine may shift them by one.
  const tagged = (ids: number[]) => {
    const id = (n: number) => `(node${String(n).padStart(8, "0")})`;
    return skiaLikePdf("/Creator (utfall)", [
      `<</Type /StructElem\n/S /TH\n/ID ${id(ids[0])}>>`,
      `<</Type /StructElem\n/S /TH\n/ID ${id(ids[1])}>>`,
      `<</Type /StructElem\n/S /TD\n/A [<</O /Table\n/Headers [${id(ids[0])} ${id(ids[1])}]>>]\n/ID ${id(ids[2])}>>`,
      `<</Limits [${id(ids[0])} ${id(ids[2])}]\n/Names [${id(ids[0])} 4 0 R ${id(ids[1])} 5 0 R ${id(ids[2])} 6 0 R]>>`,
      "<</Length 14>> stream\n(node00000777)\nendstream",
    ]);
  };

  it("gives the same bytes for ids shifted part-way, keeping references, order, offsets and streams", () => {
    const a = renumberStructureIds(tagged([43, 45, 60]));
    const b = renumberStructureIds(tagged([42, 44, 59]));
    const c = renumberStructureIds(tagged([43, 44, 59]));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(true);
    expect(a.length).toBe(tagged([43, 45, 60]).length);
    const text = Buffer.from(a).toString("latin1");
    expect(text).toContain("/Headers [(node00000001) (node00000002)]");
    expect(text).toContain("/Limits [(node00000001) (node00000003)]");
    expect(text).toContain("/Names [(node00000001) 4 0 R (node00000002) 5 0 R (node00000003) 6 0 R]");
    expect(text).toContain("stream\n(node00000777)\nendstream");
    expectXrefValid(a);
    const none = skiaLikePdf("/Creator (utfall)");
    expect(renumberStructureIds(none)).toBe(none);
  });
});

describe("utfall build --pdf without Chromium", () => {
  it("says so in Swedish, exits 2, and leaves the rest of the report built", async () => {
    const { dir } = await project();
    try {
      const io = memoryIo({ cwd: dir, env: { ...TEST_ENV, CHROMIUM_PATH: path.join(dir, "no-chromium-here") } });
      const code = await runBuild(["utskrift", "--data", "data", "--pdf"], io);
      expect(io.err()).toContain("PDF kräver Chromium, som inte finns på");
      expect(io.err()).toContain("(PDF needs Chromium");
      expect(code).toBe(2);
      expect(io.out()).toContain("Klar: utskrift");
      for (const file of ["index.html", "figures.json", "tabeller.xlsx", "figures/diagram-1.svg"]) expect(existsSync(path.join(dir, "out/utskrift", file)), file).toBe(true);
      expect(existsSync(path.join(dir, "out/utskrift/utskrift.pdf"))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// The project's one browser plan (test/browser/harness.ts): skipped only on a developer's machine
// without Debian's chromium; in CI (CI=true) a missing chromium fails the run instead.
const plan = currentPlan();

describe.skipIf(plan.action === "skip")("utfall build --pdf (Debian's Chromium)", () => {
  let dir = "";
  let pdf: Uint8Array;
  let pages: string[];
  let info: string;
  let code: number;
  let out = "";

  beforeAll(async () => {
    const chromium = requireBrowser(plan);
    ({ dir } = await project());
    const io = memoryIo({ cwd: dir, env: { ...TEST_ENV, CHROMIUM_PATH: chromium } });
    code = await runBuild(["utskrift", "--data", "data", "--pdf"], io);
    out = io.out() + io.err();
    const file = path.join(dir, "out/utskrift/utskrift.pdf");
    pdf = readFileSync(file);
    pages = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8", timeout: 30_000 }).split("\f").filter((p) => p.trim() !== "");
    info = execFileSync("pdfinfo", [file], { encoding: "utf8", timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("writes <report>.pdf beside index.html and says where", () => {
    expect(code, out).toBe(0);
    expect(out).toContain(`PDF: ${path.join("out", "utskrift", "utskrift.pdf")}`);
    expect(Buffer.from(pdf).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("is a tagged A4 PDF with the report's title and Swedish language", () => {
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)$/m);
    expect(info).toMatch(/^Title:\s+Utskriftstest för PDF$/m);
    expect(Buffer.from(pdf).toString("latin1")).toContain("/Lang (sv)");
  });

  it("holds the report's key figures and tables as text", () => {
    const all = flat(pages.join("\n"));
    // Text figures carry their unit; table cells do not (the caption or header names it).
    for (const figure of ["+13,3 mnkr", "1 694 000 kr", "52 %", "80,1", "−1,1", "28 233", "(mnkr)", "april 2023"]) expect(all).toContain(figure);
    // The data tables under the charts are printed (opened), not hidden behind a summary.
    expect(all).toContain(`${chartLabels(CHART_COUNT)[4]}`);
    expect(all).toContain("Data för diagram 1");
  });

  it("has the title in the header and 'Sida n av m' in the footer of every page", () => {
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((page, i) => {
      expect(flat(page), `page ${i + 1}`).toContain("Utskriftstest för PDF");
      expect(flat(page), `page ${i + 1}`).toContain(`Sida ${i + 1} av ${pages.length}`);
    });
  });

  it("has an outline with the headings", () => {
    const outline = pdfOutline(pdf);
    expect(outline.map((o) => o.title)).toEqual(["Utskriftstest för PDF"]);
    const h2 = outline[0].children;
    expect(h2.map((o) => o.title)).toEqual(["Ekonomi", "Deltagare", "Underlag och parametrar"]);
    expect(h2[1].children.map((o) => o.title)).toEqual(["Fler insatser"]);
  });

  it("never splits a chart across pages", () => {
    for (let k = 1; k <= CHART_COUNT; k++) {
      // The caption, the chart's labels and its axis title are on one page (without the print
      // rules a caption is left at the foot of one page and its chart put on the next); the data
      // table repeats the labels later, so look for the page with the axis title.
      const parts = [`Diagram ${k}. Deltagare per insats, del ${k}`, ...chartLabels(k), chartAxis(k)];
      const page = pages.findIndex((p) => flat(p).includes(chartAxis(k)));
      expect(page, `chart ${k}`).toBeGreaterThanOrEqual(0);
      const text = flat(pages[page]);
      for (const part of parts) expect(text, `chart ${k} on page ${page + 1}: ${part}`).toContain(part);
      const axisAt = text.indexOf(chartAxis(k));
      for (const label of chartLabels(k)) expect(text.lastIndexOf(label, axisAt), `chart ${k}: ${label} above its axis`).toBeGreaterThanOrEqual(0);
    }
    // Seven 190 px charts do not fit on one page: page breaks fell between charts.
    const chartPages = new Set(Array.from({ length: CHART_COUNT }, (_, i) => pages.findIndex((p) => flat(p).includes(chartAxis(i + 1)))));
    expect(chartPages.size).toBeGreaterThan(1);
  });
});

describe.skipIf(plan.action === "skip")("utfall build --pdf is deterministic (Debian's Chromium)", () => {
  it("gives byte-identical PDFs dated with the build time for the same inputs and SOURCE_DATE_EPOCH", async () => {
    const chromium = requireBrowser(plan);
    const { dir } = await project();
    try {
      const env = { ...TEST_ENV, CHROMIUM_PATH: chromium, SOURCE_DATE_EPOCH: "1700000000" };
      const pdfs: Buffer[] = [];
      const pages: Buffer[] = [];
      for (const out of ["ut-1", "ut-2"]) {
        const io = memoryIo({ cwd: dir, env });
        const code = await runBuild(["utskrift", "--data", "data", "--out", out, "--pdf"], io);
        expect(code, io.out() + io.err()).toBe(0);
        pdfs.push(readFileSync(path.join(dir, out, "utskrift/utskrift.pdf")));
        pages.push(readFileSync(path.join(dir, out, "utskrift/index.html")));
        // Builds a second apart: wall-clock dates would differ.
        if (out === "ut-1") await new Promise((resolve) => setTimeout(resolve, 1100));
      }
      // 1700000000 s = 2023-11-14 22:13:20 UTC, as in index.html and figures.json.
      expect(infoDates(pdfs[0])).toEqual(["D:20231114221320+00'00'", "D:20231114221320+00'00'"]);
      expect(JSON.parse(readFileSync(path.join(dir, "ut-1/utskrift/figures.json"), "utf8")).buildTime).toBe("2023-11-14T22:13:20.000Z");
      expect(pages[0].equals(pages[1]), "the two index.html differ (so the PDFs cannot match)").toBe(true);
      expect(pdfs[0].equals(pdfs[1]), "the two PDFs differ").toBe(true);
      expect(execFileSync("pdfinfo", [path.join(dir, "ut-1/utskrift/utskrift.pdf")], { encoding: "utf8", timeout: 30_000 })).toMatch(/^CreationDate:\s+Tue Nov 14 \d\d:13:20 2023/m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
