// `utfall build path/to/script.ts` builds a report script from a folder outside reports/ (and
// outside the repository), and every build writes <out>/index.html listing the reports in the
// output folder: title, period, build time, public or internal, links.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import { renderIndexPage } from "../../src/render/index-page.ts";
import { ROOT } from "../report/helpers.ts";
import { SAMPLE_ENV } from "../e2e/sample.ts";

const SCRIPT = `// A report written outside reports/: it imports the library as "utfall".
import { report } from "utfall/report";
import * as m from "utfall/metrics";
import * as chart from "utfall/charts";

export default report({ title: "Min egen rapport", period: "2023-04", unit: "Testenheten" }, async (r) => {
  const participants = (await r.load.participants()).table;
  const period = m.yearToDate(r.period);
  const outcomes = r.publishable(m.programmeOutcomes(participants, { ...period, by: ["programme"] }), { name: "utfall", measures: m.OUTCOME_COUNTS, groupKeys: ["programme"] });
  r.text\`Jobbspåret hade \${r.count(outcomes, "participants", { programme: "JOBBSP" }, "deltagare-jobbsp")} deltagare.\`;
  r.chart(chart.genderSplit(outcomes, { name: "kon-per-insats" }));
});
`;

async function build(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runBuild(args, { stdout: (s) => void stdout.push(s), stderr: (s) => void stderr.push(s), env: { ...SAMPLE_ENV }, cwd });
  return { code, stdout: stdout.join(""), stderr: stderr.join("") };
}

describe("a report script outside reports/, and the index page", () => {
  let tmp: string;
  let out: string;
  let script: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "utfall-script-"));
    script = path.join(tmp, "skript", "min-rapport.ts");
    out = path.join(tmp, "ut");
    await import("node:fs/promises").then((fs) => fs.mkdir(path.dirname(script), { recursive: true }));
    await writeFile(script, SCRIPT);
  });
  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it("builds the script by its path; the report is named after the file", async () => {
    const r = await build([script, "--data", "data/sample", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Klar: min-rapport → ");
    const figures = JSON.parse(await readFile(path.join(out, "min-rapport", "figures.json"), "utf8")) as { report: { title: string }; figures: { id: string; value: unknown }[] };
    expect(figures.report.title).toBe("Min egen rapport");
    const n = figures.figures.find((f) => f.id === "deltagare-jobbsp")!.value as number;
    expect(n).toBeGreaterThan(100); // JOBBSP's participants January–April 2023 in data/sample
  });

  it("also from a working folder without reports/, with a relative path", async () => {
    const r = await build([path.join("skript", "min-rapport.ts"), "--data", path.join(ROOT, "data/sample"), "--out", "ut"], tmp);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Klar: min-rapport → ut/min-rapport/");
  });

  it("the real CLI (bin/utfall.js, the build in dist/) builds it: \"utfall\" resolves without node_modules beside the script", async () => {
    // The script's folder has no package.json and no node_modules: a resolve hook of the CLI
    // (src/cli/typescript.ts) loads it as an ES module and resolves "utfall/…" inside the package.
    const cliOut = path.join(tmp, "ut-cli");
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [path.join(ROOT, "bin", "utfall.js"), "build", script, "--data", path.join(ROOT, "data/sample"), "--out", cliOut],
        { cwd: tmp, timeout: 120_000, env: { ...process.env, ...SAMPLE_ENV } }, (err, stdout, stderr) => {
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
        });
    });
    // (the CLI's warning that src/ changed since the last build is not an error)
    expect(result.stderr.replace(/^utfall: src\/ har ändrats sedan senaste bygget.*\n?/gm, "")).toBe("");
    expect(result.code).toBe(0);
    const figures = JSON.parse(await readFile(path.join(cliOut, "min-rapport", "figures.json"), "utf8")) as { figures: { id: string; value: unknown }[] };
    expect(figures.figures.find((f) => f.id === "deltagare-jobbsp")!.value).toBeGreaterThan(100);
    expect(await readFile(path.join(cliOut, "index.html"), "utf8")).toContain('<a href="min-rapport/index.html">Min egen rapport</a>');
  });

  it("refuses a script path that does not exist, in Swedish", async () => {
    const r = await build([path.join(tmp, "finns-inte", "x.ts"), "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("finns inte (script not found)");
  });

  it("writes out/index.html listing the internal and public reports with period, build time and links", async () => {
    const pub = await build([script, "--public", "--data", "data/sample", "--out", out]);
    expect(pub.code).toBe(0);
    expect(pub.stdout).toContain("Index: ");
    const html = await readFile(path.join(out, "index.html"), "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="sv">/);
    expect(html).not.toMatch(/<script|https?:\/\//);
    expect(html).toContain('<a href="min-rapport/index.html">Min egen rapport</a>');
    expect(html).toContain('<a href="publik/min-rapport/index.html">Min egen rapport</a>');
    expect(html).toContain("april 2023");
    // SOURCE_DATE_EPOCH 1700000000 = 2023-11-14 22:13:20 UTC
    expect(html).toContain("14 november 2023, kl. 22:13 UTC");
    expect(html).toContain("Intern – får inte publiceras");
    expect(html).toContain(">Publik</td>");
    expect(html).toContain('href="publik/min-rapport/tabeller.xlsx"');
    expect(html).toContain("Rapporter (2)");
    // The public folder has its own index: only the public report, no link out of the folder.
    const site = await readFile(path.join(out, "publik", "index.html"), "utf8");
    expect(site).toContain('<a href="min-rapport/index.html">Min egen rapport</a>');
    expect(site).toContain('href="min-rapport/tabeller.xlsx"');
    expect(site).toContain("Rapporter (1)");
    expect(site).toContain("Den här mappen är det som får publiceras");
    expect(site).not.toContain("Intern");
    expect(site).not.toMatch(/href="(\.\.|\/|publik\/)/);
    expect(site).not.toMatch(/<script|https?:\/\//);
  });
});

describe("renderIndexPage", () => {
  it("escapes titles and says so when nothing is built", () => {
    const html = renderIndexPage([{ name: "a", title: "A & <B>", unit: null, period: null, buildTime: "2023-05-02T06:00:00.000Z", public: false, href: "a/", extras: [] }], "2023-05-02T06:00:00.000Z");
    expect(html).toContain("A &amp; &lt;B&gt;");
    expect(html).toContain("2 maj 2023, kl. 06:00 UTC");
    expect(renderIndexPage([], "2023-05-02T06:00:00.000Z")).toContain("Inga rapporter är byggda i den här mappen ännu.");
  });
});
