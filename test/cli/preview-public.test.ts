// `utfall preview --public` shows what `utfall build --public` publishes: the reports protected
// together (here at the higher of two thresholds) and against the earlier publications.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { startPreview, type Preview, type PreviewDeps } from "../../src/cli/preview.ts";
import type { FiguresDocument } from "../../src/report/build.ts";
import { GOLDEN, ROOT, TEST_ENV } from "../report/helpers.ts";

const ENV = { ...TEST_ENV, SOURCE_DATE_EPOCH: "1682985600" };
const api = JSON.stringify(path.join(ROOT, "src/report/index.ts"));
const metrics = JSON.stringify(path.join(ROOT, "src/metrics/index.ts"));
const tables = JSON.stringify(path.join(ROOT, "src/tables/index.ts"));

/** Participants per programme and gender, as a published table; `meta` goes into report({...}). */
const script = (meta: string) => `import { report } from ${api};
import { programmeOutcomes, yearToDate } from ${metrics};
import { genderTable } from ${tables};
export default report({ title: "Rapport", period: "2023-04", ${meta} }, async (r) => {
  const p = await r.load.participants("deltagare.csv", { mode: "lenient" });
  const t = r.publishable(programmeOutcomes(p.table, { ...yearToDate(r.period), by: ["programme"] }), { name: "deltagare", measures: ["participants"], groupKeys: ["programme"], rollup: [["programme"]] });
  r.table(genderTable(t, { name: "deltagare-per-insats", caption: "Deltagare per insats och kön", keys: [{ key: "programme", label: "Insats" }], measure: "participants", measureLabel: "Deltagare" }));
});
`;

const deps: PreviewDeps = {
  watch: () => ({ close: () => {} }),
  onInterrupt: () => () => {},
  nonce: () => "testnonce123",
  now: () => {
    throw new Error("the clock must not be read (SOURCE_DATE_EPOCH is set)");
  },
  quietMs: 10,
};

function get(port: number, p: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: p, headers: { Host: `127.0.0.1:${port}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("utfall preview --public", () => {
  let cwd: string;
  let preview: Preview | undefined;
  beforeEach(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), "utfall-preview-public-"));
    await mkdir(path.join(cwd, "reports"));
    await mkdir(path.join(cwd, "data"));
    await cp(path.join(GOLDEN, "basic/input/deltagare.csv"), path.join(cwd, "data/deltagare.csv"));
    await writeFile(path.join(cwd, "reports/a.ts"), script(""));
    await writeFile(path.join(cwd, "reports/b.ts"), script("threshold: 7"));
  });
  afterEach(async () => {
    await preview?.stop();
    preview = undefined;
    await rm(cwd, { recursive: true, force: true });
  });

  it("serves each report as the public build of all of them writes it", async () => {
    const io = memoryIo({ cwd, env: ENV });
    // Built first for March: its record is an earlier publication for April's preview and build alike.
    expect(await runBuild(["--public", "--data", "data", "--period", "2023-03", "a", "b"], io)).toBe(0);
    const reports = new Map(["a", "b"].map((n) => [n, path.join(cwd, "reports", `${n}.ts`)]));
    preview = await startPreview({ reports, data: "data", period: "2023-04", public: true, port: 0 }, io, deps);
    const served = new Map<string, FiguresDocument>();
    for (const n of ["a", "b"]) served.set(n, JSON.parse(await get(preview.port, `/${n}/figures.json`)) as FiguresDocument);
    expect(await runBuild(["--public", "--data", "data", "--period", "2023-04", "a", "b"], io), io.err()).toBe(0);
    for (const n of ["a", "b"]) {
      const written = JSON.parse(await readFile(path.join(cwd, "out/publik", n, "figures.json"), "utf8")) as FiguresDocument;
      const doc = served.get(n)!;
      // a alone would hide under 5; together with b, under 7, as the build publishes it.
      expect(doc.parameters.threshold, n).toBe(7);
      expect(doc.disclosure!.cells, n).toEqual(written.disclosure!.cells);
      expect(doc.tables.map((t) => t.rows), n).toEqual(written.tables.map((t) => t.rows));
    }
    expect(served.get("a")!.disclosure!.cells.some((c) => c.primary)).toBe(true);
  }, 120_000);
});
