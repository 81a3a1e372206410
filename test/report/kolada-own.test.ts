// Our own value of a Kolada key figure beside Kolada's goes through the disclosure model: a
// review found it computed straight from the participants export, so a public report printed
// "Den egna beräkningen ger 1,0" (one person aged 24 or younger), and an exact own share, with a
// programme table of the year, told a hidden count. ownKoladaFigure registers its counts and
// links the value to them.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import type { FiguresDocument } from "../../src/report/build.ts";
import { readWrittenCsv } from "./written-csv.ts";
import { attackWrittenReport } from "../e2e/public-audit.ts";
import { GOLDEN, ROOT, TEST_ENV } from "./helpers.ts";

const at = (p: string) => JSON.stringify(path.join(ROOT, p));
// The fixture's participants of 2023 aged 24 or younger at the end of the year: born 1999, 2000
// and 2001, so U40811 is 3.
const SCRIPT = `import * as aq from "arquero";
import { report, ownKoladaFigure } from ${at("src/report/index.ts")};
import * as m from ${at("src/metrics/index.ts")};
import * as chart from ${at("src/charts/index.ts")};
export default report({ title: "Unga", period: "2023-04" }, async (r) => {
  const p = await r.load.participants(undefined, { mode: "lenient" });
  const kolada = aq.table({ kpi: ["U40811", "U40811"], municipalityId: ["0001", "0002"], municipality: ["Egen", "Annan"], period: [2023, 2023], gender: ["T", "T"], value: [10, 20], status: ["ok", "ok"] });
  const own = ownKoladaFigure(r, p.table, { kpi: "U40811", year: 2023 });
  r.chart(chart.koladaComparison(m.koladaComparison(kolada, { kpi: "U40811", year: 2023, municipalityId: "0001", ownComputed: own }), { kpi: "U40811", title: "Deltagare 24 år eller yngre 2023", format: "integer" }));
});
`;

describe("our own value of a Kolada key figure", () => {
  let cwd: string;
  beforeEach(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), "utfall-kolada-own-"));
    await mkdir(path.join(cwd, "reports"));
    await mkdir(path.join(cwd, "data/sample"), { recursive: true });
    await cp(path.join(GOLDEN, "basic/input/deltagare.csv"), path.join(cwd, "data/sample/deltagare.csv"));
    await writeFile(path.join(cwd, "reports/unga.ts"), SCRIPT);
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  const build = async (extra: string[]) => {
    const err: string[] = [];
    const code = await runBuild(["unga", ...extra], { stdout: () => {}, stderr: (s) => void err.push(s), env: { ...TEST_ENV, SOURCE_DATE_EPOCH: "1682985600" }, cwd });
    expect(err.join("")).toBe("");
    expect(code).toBe(0);
    const dir = path.join(cwd, "out", ...(extra.includes("--public") ? ["publik"] : []), "unga");
    const doc = JSON.parse(await readFile(path.join(dir, "figures.json"), "utf8")) as FiguresDocument;
    const csv = readWrittenCsv(await readFile(path.join(dir, doc.charts[0].data.file), "utf8"));
    return { dir, doc, own: csv.find((row) => row[0].includes("egen beräkning"))! };
  };

  it("is shown in an internal report", async () => {
    const { own, doc } = await build([]);
    expect(own[1]).toBe("3");
    expect(doc.charts[0].alt).toContain("Den egna beräkningen ger 3.");
  });

  it("is hidden with its small count in a public report, which counts it as shown", async () => {
    const { own, doc, dir } = await build(["--public"]);
    expect(own[1]).toBe("..");
    expect(doc.charts[0].alt).not.toContain("Den egna beräkningen ger");
    const cell = doc.disclosure!.cells.find((c) => c.id === "kolada-egen-u40811-2023|participants|ageBand=–24|T")!;
    expect(cell).toMatchObject({ value: null, primary: true });
    expect((await attackWrittenReport(dir)).primaries).toBeGreaterThan(0);
  });
});
