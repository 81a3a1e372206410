// A section whose input has no rows for the period says so in words and the rest of the report
// builds: the real interim report (reports/delarsrapport.ts) over the golden data folder whose
// ledger holds 2022 and 2024 but nothing for 2023.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport, type BuiltReport } from "../../src/report/build.ts";
import { isReportDefinition } from "../../src/report/report.ts";
import { BUILD_TIME, GOLDEN, ROOT, silentEffects, text } from "./helpers.ts";

/** Build a real report script from `dir` for `period` (internal build). */
async function build(script: string, dir: string, period: string): Promise<BuiltReport> {
  const mod = (await import(path.join(ROOT, "reports", `${script}.ts`))) as { default: unknown };
  if (!isReportDefinition(mod.default)) throw new Error(`reports/${script}.ts has no report`);
  return buildReport(mod.default, { name: script, dataDir: dir, period, public: false, buildTime: BUILD_TIME, libraryVersion: "0.0.0-test" }, silentEffects());
}

/** A copy of data/sample in which `file` keeps only the lines `keep` accepts (the header always). */
async function sampleWithout(file: string, keep: (line: string) => boolean): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "utfall-sections-"));
  await cp(path.join(ROOT, "data/sample"), dir, { recursive: true });
  const [header, ...lines] = (await readFile(path.join(dir, file), "utf8")).split(/\r?\n/).filter((l) => l !== "");
  const kept = lines.filter(keep);
  expect(kept.length).toBeLessThan(lines.length);
  await writeFile(path.join(dir, file), [header, ...kept, ""].join("\r\n"));
  return dir;
}

describe("an interim report over a ledger with no rows for the report's year", () => {
  let dir: string;
  let built: BuiltReport;
  let html: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "utfall-sections-"));
    await cp(path.join(GOLDEN, "delarsrapport/input"), dir, { recursive: true });
    // Every 2023 row of the ledger becomes a 2022 row and a 2024 row: the file spans 2022-01 –
    // 2024-12 (so the period 2023-04 is inside its range) but has no row for 2023.
    const ledger = await readFile(path.join(dir, "huvudbok.csv"), "utf8");
    const [header, ...rows] = ledger.split(/\r?\n/).filter((l) => l !== "");
    expect(rows.length).toBeGreaterThan(200);
    expect(rows.every((r) => r.startsWith("2023-"))).toBe(true);
    const shifted = [...rows.map((r) => r.replace(/^2023-/, "2022-")), ...rows.map((r) => r.replace(/^2023-/, "2024-"))];
    await writeFile(path.join(dir, "huvudbok.csv"), [header, ...shifted, ""].join("\r\n"));

    built = await build("delarsrapport", dir, "2023-04");
    html = text(built.files.get("index.html"));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("says so in words in the economy section, with no budget chart, table or zero figures", () => {
    expect(html).toContain("Huvudboken saknar uppgifter för 2023. Budget, utfall och prognos kan därför inte redovisas.");
    const economy = html.slice(html.indexOf('id="ekonomi"'), html.indexOf('id="deltagare-och-resultat"'));
    expect(economy).toContain("Huvudboken saknar uppgifter för 2023");
    expect(economy).not.toMatch(/<figure|<table/);
    expect(built.figures.figures.map((f) => f.id)).not.toContain("avvikelse-perioden");
    expect(built.figures.tables.map((t) => t.name)).not.toContain("budget-per-ansvar");
    expect([...built.files.keys()].some((f) => f.includes("budget") || f.includes("kumulativt"))).toBe(false);
  });

  it("builds the other sections: participants, outcomes, age groups and the Kolada comparison", () => {
    for (const heading of ["Deltagare och resultat", "Åldersgrupper", "Jämförelse med andra kommuner"]) expect(html).toContain(`>${heading}</h`);
    expect(built.figures.charts.length).toBeGreaterThanOrEqual(4);
    const participants = built.figures.figures.find((f) => f.id === "deltagare");
    expect(participants?.value).toBeGreaterThan(0);
  });

  it("records the ledger's range in the provenance", () => {
    const ledger = built.figures.inputs.find((i) => i.name === "huvudbok.csv") as { coverage?: unknown } | undefined;
    expect(ledger?.coverage).toEqual({ columns: ["period"], first: "2022-01", last: "2024-12" });
  });
});

describe("other sections without rows for the period month say so in words", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("financial assistance: an export with a gap at the period month", async () => {
    // Assistance for January – March and July – December 2023: the report per June 2023 is inside
    // the file's range (an export that ends before the period month fails instead, see below).
    const dir = await sampleWithout("ekonomiskt-bistand.csv", (l) => !/;2023-0[4-6];/.test(l));
    dirs.push(dir);
    const built = await build("ekonomiskt-bistand", dir, "2023-06");
    const html = text(built.files.get("index.html"));
    expect(html.replace(/<[^>]+>/g, "")).toContain("Exporten om ekonomiskt bistånd saknar uppgifter för juni 2023.");
    expect(built.figures.figures.map((f) => f.id)).not.toContain("erbjudandegrad");
    expect(html).toContain(">Närvaro per utförare</h");
  });

  it("financial assistance: an export that ends before the period month fails in words, not with a month of zeros", async () => {
    const dir = await sampleWithout("ekonomiskt-bistand.csv", (l) => /;2023-0[1-3];/.test(l));
    dirs.push(dir);
    await expect(build("ekonomiskt-bistand", dir, "2023-06")).rejects.toThrow(
      "ekonomiskt-bistand.csv täcker 2023-01 – 2023-03; perioden 2023-06 (2023-01 – 2023-06) går längre än exporten, som saknar uppgifter efter 2023-03 " +
        "(period runs past the end of the input's range). Ange en period som exporten täcker med --period, senast 2023-03, eller en datamapp med nyare exporter med --data.",
    );
    expect(text((await build("ekonomiskt-bistand", dir, "2023-03")).files.get("index.html"))).toContain("mars 2023");
  });

  it("the jobs target: no staffing row for the period month", async () => {
    const dir = await sampleWithout("bemanning.csv", (l) => !l.startsWith("2023-09;"));
    dirs.push(dir);
    const built = await build("mal-150-jobb", dir, "2023-09");
    const html = text(built.files.get("index.html"));
    expect(html.replace(/<[^>]+>/g, "")).toContain("Bemanningsexporten saknar uppgifter för september 2023.");
    expect(built.figures.figures.map((f) => f.id)).not.toContain("brukare-per-specialist");
    expect(html).toContain(">Avslut</h");
  });

  it("programmes: no one aged 60 or over enrolled now gives words, not '..' (which means suppressed)", async () => {
    // Drop every enrolment of a person born 1963 or earlier that runs past the period, and the
    // footer that counts the rows: people aged 60+ took part in the period, none is enrolled now.
    const dir = await mkdtemp(path.join(os.tmpdir(), "utfall-sections-"));
    dirs.push(dir);
    await cp(path.join(ROOT, "data/sample"), dir, { recursive: true });
    const lines = (await readFile(path.join(dir, "deltagare.csv"), "latin1")).split("\r\n");
    const kept = lines.filter((l, i) => {
      if (i < 2) return true;
      const f = l.split(";");
      if (f.length < 9) return false; // the footer "Antal rader: …" and the final empty line
      return !(Number(f[2]) <= 1963 && (f[8] === "" || f[8] > "2023-06-30"));
    });
    expect(lines.length - kept.length).toBeGreaterThan(10);
    await writeFile(path.join(dir, "deltagare.csv"), kept.join("\r\n") + "\r\n", "latin1");
    const built = await build("insatser", dir, "2023-06");
    const plain = text(built.files.get("index.html")).replace(/<[^>]+>/g, "");
    expect(plain).toMatch(/\d+ deltagare var 60 år eller äldre\. Ingen av dem är inskriven nu, så det finns ingen mediantid att redovisa\./);
    expect(built.figures.figures.find((f) => f.id === "deltagare-60")?.value).toBeGreaterThan(0);
    expect(built.figures.figures.map((f) => f.id)).not.toContain("median-manader-60");
  });
});

describe("a report period past the end of the participants export", () => {
  // data/sample/deltagare.csv is an extract taken 2024-04-30: its last date is 2024-04-30.
  it("fails for the months after the export instead of showing no one started and no one ended", async () => {
    for (const period of ["2024-05", "2024-06"]) {
      const from = `${period.slice(0, 4)}-01`;
      await expect(build("overenskommelse", path.join(ROOT, "data/sample"), period)).rejects.toThrow(
        `deltagare.csv täcker 2019-01-04 – 2024-04-30; perioden ${period} (${from} – ${period}) går längre än exporten, som saknar uppgifter efter 2024-04-30 ` +
          "(period runs past the end of the input's range). Ange en period som exporten täcker med --period, senast 2024-04, eller en datamapp med nyare exporter med --data.",
      );
    }
  });

  it("builds the export's last month, with its own figures in the monthly table", async () => {
    const built = await build("overenskommelse", path.join(ROOT, "data/sample"), "2024-04");
    const monthly = text(built.files.get("tables/manadsstatistik.csv"));
    const april = monthly.split(/\r?\n/).find((l) => l.startsWith("2024-04;"));
    // Month; participants K, M, other, total; new; ended; … — April has enrolments that started and ended.
    const [, , , , total, started, ended] = (april ?? "").split(";").map(Number);
    expect(total).toBeGreaterThan(0);
    expect(started + ended).toBeGreaterThan(0);
    expect(monthly).not.toMatch(/^2024-0[5-9];/m);
  });
});
