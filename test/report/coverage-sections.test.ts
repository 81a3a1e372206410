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

    const mod = (await import(path.join(ROOT, "reports/delarsrapport.ts"))) as { default: unknown };
    if (!isReportDefinition(mod.default)) throw new Error("reports/delarsrapport.ts has no report");
    built = await buildReport(mod.default, { name: "delarsrapport", dataDir: dir, period: "2023-04", public: false, buildTime: BUILD_TIME, libraryVersion: "0.0.0-test" }, silentEffects());
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
