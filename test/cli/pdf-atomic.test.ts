// `utfall build --pdf` is atomic with its PDF: the PDF is printed from the staged report folder
// and swapped in with it, so a PDF step that fails (here a "Chromium" that exits at once,
// /bin/false) leaves the previous report folder, its PDF included, byte for byte as it was, says
// that the report was not built, and never prints "Klar" for it. A successful build prints its
// lines in the same order as before: Klar, PDF, Index.
import { readdir, readlink } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { currentPlan, requireBrowser } from "../browser/harness.ts";
import { readAll, SAMPLE_ENV } from "../e2e/sample.ts";
import { ROOT } from "../report/helpers.ts";
import { tempDir } from "../temp-dirs.ts";

/** `utfall build delarsrapport --public [--pdf] --out <out>` from the repository root, on the sample data. */
async function build(out: string, env: Record<string, string>, pdf: boolean) {
  const io = memoryIo({ cwd: ROOT, env: { ...SAMPLE_ENV, ...env } });
  const code = await runBuild(["delarsrapport", "--public", ...(pdf ? ["--pdf"] : []), "--data", "data/sample", "--out", out], io);
  return { code, out: io.out(), err: io.err() };
}

/** What a failed `--pdf` build must leave: the report exactly as before, nothing half-made beside it. */
async function expectUntouched(out: string, before: { files: Map<string, Buffer>; link: string }, run: { code: number; out: string; err: string }) {
  const report = path.join(out, "publik", "delarsrapport");
  expect(run.code, run.out + run.err).toBe(1);
  expect(run.out).not.toContain("Klar: delarsrapport");
  expect(run.out).not.toContain("PDF:");
  expect(run.err).toContain("Fel: delarsrapport byggdes inte: PDF:en kunde inte skrivas (could not print the PDF)");
  expect(run.err).not.toContain("rapporten i övrigt är byggd");
  expect(run.err).toContain("1 av 1 rapporter misslyckades; tidigare utdata för dem är orörd.");
  expect(await readlink(report)).toBe(before.link);
  const after = await readAll(report);
  expect([...after.keys()]).toEqual([...before.files.keys()]);
  for (const [rel, bytes] of before.files) expect(after.get(rel)?.equals(bytes), rel).toBe(true);
  // The link and its version folder, the public folder's index, and no staging folder left behind.
  expect((await readdir(path.join(out, "publik"))).sort()).toEqual([before.link, "delarsrapport", "index.html"].sort());
}

async function snapshot(out: string) {
  const report = path.join(out, "publik", "delarsrapport");
  return { files: await readAll(report), link: await readlink(report) };
}

// A later build time than the first build's: a report folder swapped in by the failed build
// would differ from the previous one (figures.json and index.html carry the build time).
const LATER = { SOURCE_DATE_EPOCH: String(Number(SAMPLE_ENV.SOURCE_DATE_EPOCH) + 86_400) };

it("a PDF step that fails leaves the previous report untouched and says so", async () => {
  const out = tempDir("utfall-pdf-atomic-");
  const first = await build(out, {}, false);
  expect(first.code, first.out + first.err).toBe(0);
  const before = await snapshot(out);
  expect(before.files.has("figures.json")).toBe(true);

  await expectUntouched(out, before, await build(out, { ...LATER, CHROMIUM_PATH: "/bin/false" }, true));
}, 120_000);

const plan = currentPlan();

describe.skipIf(plan.action === "skip")("with Debian's Chromium", () => {
  it("keeps the previous PDF when the next PDF fails, and prints Klar, PDF, Index in order when it works", async () => {
    const chromium = requireBrowser(plan);
    const out = tempDir("utfall-pdf-atomic-");
    const first = await build(out, { CHROMIUM_PATH: chromium }, true);
    expect(first.code, first.out + first.err).toBe(0);
    const lines = first.out.split("\n").filter((l) => /^(Klar|PDF|Index):/.test(l));
    const shown = path.relative(ROOT, path.join(out, "publik", "delarsrapport"));
    expect(lines).toEqual([
      `Klar: delarsrapport → ${shown}/ (7 diagram, 2 tabeller)`,
      `PDF: ${path.join(shown, "delarsrapport.pdf")}`,
      `Index: ${path.relative(ROOT, path.join(out, "index.html"))} (1 rapporter)`,
    ]);
    const before = await snapshot(out);
    expect(before.files.get("delarsrapport.pdf")?.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    await expectUntouched(out, before, await build(out, { ...LATER, CHROMIUM_PATH: "/bin/false" }, true));
  }, 180_000);
});
