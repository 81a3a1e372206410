// The reports of one run share parsed input files (Effects.files): each file is parsed once,
// while every report still logs it and records it as its own input.
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeLoader, type InputCache } from "../../src/report/load.ts";
import type { InputRecord } from "../../src/report/types.ts";
import { ROOT } from "./helpers.ts";

const ENV = { UTFALL_PSEUDONYM_KEY: "00112233445566778899aabbccddeeff" };

function loaderFor(dataDir: string, files: InputCache) {
  const inputs: InputRecord[] = [];
  const log: string[] = [];
  const load = makeLoader({ dataDir, inputs, log: (l) => log.push(l), env: ENV, referenceYear: 2023, period: "2023-04", files });
  return { load, inputs, log };
}

describe("parsed files shared by the reports of one run", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("parses a file once; each report logs and records it", async () => {
    const files: InputCache = new Map();
    const a = loaderFor(path.join(ROOT, "data/sample"), files);
    const b = loaderFor(path.join(ROOT, "data/sample"), files);
    const first = await a.load.participants();
    const second = await b.load.participants();
    expect(files.size).toBe(1);
    expect(second.table).toBe(first.table); // the same parsed table, not a second parse
    expect(second).not.toBe(first); // each report gets its own result object
    expect(a.log).toEqual(b.log);
    expect(a.log[0]).toMatch(/^ {2}läst deltagare\.csv: \d+ av \d+ rader godkända$/);
    expect(b.inputs).toEqual(a.inputs);
    // Another kind or other options is another parse.
    await b.load.participants(undefined, { mode: "lenient" });
    expect(files.size).toBe(2);
  });

  it("a strict load that fails is told how to read leniently once in each report, though the parse is shared", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "utfall-files-"));
    dirs.push(dir);
    // The sample with one start date that is no date (latin1 keeps the Windows-1252 bytes as they are).
    const text = (await readFile(path.join(ROOT, "data/sample/deltagare.csv"))).toString("latin1");
    const bad = text.replace(/;2019-01-04;/, ";2019-13-45;");
    expect(bad).not.toBe(text);
    await writeFile(path.join(dir, "deltagare.csv"), Buffer.from(bad, "latin1"));
    const files: InputCache = new Map();
    // Both reports wait on the one parse.
    const errors = await Promise.all([loaderFor(dir, files), loaderFor(dir, files)].map((l) => l.load.participants().then(() => null, (e: unknown) => e as Error)));
    for (const e of errors) {
      expect(e).toBeInstanceOf(Error);
      expect(e!.message.split("r.load läser strikt").length - 1).toBe(1);
    }
    expect(errors[0]).not.toBe(errors[1]);
  });

  it("keeps no failed read: the next report reads the file again", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "utfall-files-"));
    dirs.push(dir);
    await writeFile(path.join(dir, "deltagare.csv"), "inte en export\n");
    const files: InputCache = new Map();
    await expect(loaderFor(dir, files).load.participants()).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 0));
    expect(files.size).toBe(0);
    await copyFile(path.join(ROOT, "data/sample/deltagare.csv"), path.join(dir, "deltagare.csv"));
    const ok = await loaderFor(dir, files).load.participants();
    expect(ok.report.rowsAccepted).toBeGreaterThan(0);
  });
});
