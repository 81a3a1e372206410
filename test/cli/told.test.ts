// What an earlier publication told of its hidden counts never changes, so a public build keeps
// what it found beside the records (src/cli/told.ts) and the next build reads it instead of
// solving it again. Kept or not, the build publishes the same bytes.
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import type { Io } from "../../src/cli/io.ts";
import { parseTold, readTold, TOLD_FOLDER, TOLD_FORMAT, toldText, writeTold } from "../../src/cli/told.ts";
import { readPublications } from "../../src/cli/publications.ts";
import type { PublicationRecord } from "../../src/disclosure/history.ts";
import { ROOT, TEST_ENV } from "../report/helpers.ts";

/** Every (record, cells) the builds asked `hiddenIntervals` for, in order. */
const asked: { record: PublicationRecord; cells: string[] }[] = [];
vi.mock("../../src/disclosure/history.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/disclosure/history.ts")>();
  return {
    ...original,
    hiddenIntervals: (record: PublicationRecord, cells: ReadonlySet<string>) => {
      asked.push({ record, cells: [...cells] });
      return original.hiddenIntervals(record, cells);
    },
  };
});

// A record of January: T = K + M, K (true 3) and M (true 9) hidden.
const january: PublicationRecord = {
  format: "utfall-publicering/1", report: "r", period: "2023-01", threshold: 5,
  cells: [
    { id: "t|n||T", label: "T", value: 12, grandTotal: true, shown: true, suppressed: false, withheld: false },
    { id: "t|n||K", label: "K", value: 3, grandTotal: false, shown: true, suppressed: true, withheld: false },
    { id: "t|n||M", label: "M", value: 9, grandTotal: false, shown: true, suppressed: true, withheld: false },
  ],
  relations: [{ total: "t|n||T", parts: ["t|n||K", "t|n||M"], kind: "eq", why: "kön" }],
};

describe("what earlier publications told, kept beside the records", () => {
  it("reads a whole file that fits its record, and nothing else", () => {
    const ok = toldText(new Map([["t|n||K", { min: 1, max: 4 }], ["t|n||M", { min: 8, max: null }]]));
    expect(parseTold(ok, january)).toEqual(new Map([["t|n||K", { min: 1, max: 4 }], ["t|n||M", { min: 8, max: null }]]));
    const file = (cells: unknown, format = TOLD_FORMAT) => JSON.stringify({ format, cells });
    expect(parseTold("{", january)).toBeNull();
    expect(parseTold(file({ "t|n||K": [1, 4] }, "utfall-berattat/0"), january)).toBeNull();
    // A cell the record does not hide, an interval that leaves out the true value, a bad number.
    expect(parseTold(file({ "t|n||T": [12, 12] }), january)).toBeNull();
    expect(parseTold(file({ "t|n||K": [4, 4] }), january)).toBeNull();
    expect(parseTold(file({ "t|n||K": [1, 2] }), january)).toBeNull();
    expect(parseTold(file({ "t|n||K": [-1, 4] }), january)).toBeNull();
    expect(parseTold(file({ "t|n||K": [1.5, 4] }), january)).toBeNull();
    expect(parseTold(file({ "t|n||K": [1] }), january)).toBeNull();
    expect(parseTold(file([]), january)).toBeNull();
  });

  it("writes what a build found beyond what it read, and reads it back by record", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "utfall-told-"));
    try {
      const other = { ...january, period: "2023-02" };
      const told = new Map([[0, new Map([["t|n||K", { min: 1, max: 4 }]])]]);
      await writeTold(dir, [january, other], told, new Map());
      expect(await readTold(dir, [other, january])).toEqual(new Map([[1, told.get(0)]]));
      // Nothing new: nothing written (a file there stays as it was).
      const files = await readdir(path.join(dir, TOLD_FOLDER));
      expect(files).toHaveLength(1);
      const before = await readFile(path.join(dir, TOLD_FOLDER, files[0]), "utf8");
      await writeTold(dir, [january], new Map([[0, new Map([["t|n||K", { min: 0, max: 4 }]])]]), new Map([[0, 1]]));
      expect(await readFile(path.join(dir, TOLD_FOLDER, files[0]), "utf8")).toBe(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("public builds of successive months with and without what was kept", () => {
  const io = (stderr: string[]): Io => ({ stdout: () => {}, stderr: (s: string) => void stderr.push(s), env: { ...TEST_ENV, SOURCE_DATE_EPOCH: "1704067200" }, cwd: ROOT });
  const dirs: string[] = [];
  const build = async (out: string, month: string) => {
    const stderr: string[] = [];
    expect(await runBuild(["resursjobb", "--public", "--period", month, "--out", out], io(stderr)), stderr.join("")).toBe(0);
  };
  /** Every file of the public folder and of the records, by path (the build time is fixed). */
  const outputs = async (out: string) => {
    const files = new Map<string, string>();
    for (const sub of ["publik", "publiceringar"]) {
      for (const f of (await readdir(path.join(out, sub), { recursive: true, withFileTypes: true })).filter((e) => e.isFile())) {
        const file = path.join(f.parentPath, f.name);
        // (a report's folder is a link to a folder named for its build: `.resursjobb@<pid>-<random>`)
        if (!file.includes(`${path.sep}${TOLD_FOLDER}${path.sep}`)) files.set(path.relative(out, file).replace(/^publik\/\.([^@/]+)@[^/]+\//, "publik/$1/"), (await readFile(file)).toString("base64"));
      }
    }
    return files;
  };
  let base: string;
  let kept: string;
  let fresh: string;
  let again: string;
  let askedFresh: typeof asked;
  let askedKept: typeof asked;
  let askedAgain: typeof asked;

  beforeAll(async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "utfall-told-months-"));
    dirs.push(root);
    base = path.join(root, "base");
    for (const month of ["2023-01", "2023-02", "2023-03"]) await build(base, month);
    /** The folder after March, with what the builds kept or without it. */
    const copy = async (name: string, withTold: boolean) => {
      const d = path.join(root, name);
      await cp(base, d, { recursive: true });
      if (!withTold) await rm(path.join(d, "publiceringar", TOLD_FOLDER), { recursive: true, force: true });
      return d;
    };
    const april = async (out: string) => {
      asked.length = 0;
      await build(out, "2023-04");
      return asked.splice(0);
    };
    fresh = await copy("fresh", false);
    askedFresh = await april(fresh);
    kept = await copy("kept", true);
    askedKept = await april(kept);
    // April again, with what the first build of April kept.
    again = await copy("again", false);
    await cp(path.join(fresh, "publiceringar", TOLD_FOLDER), path.join(again, "publiceringar", TOLD_FOLDER), { recursive: true });
    askedAgain = await april(again);
  }, 300_000);
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("publishes the same bytes, kept or not", async () => {
    expect(askedFresh.length).toBeGreaterThan(0);
    const a = await outputs(fresh);
    for (const other of [kept, again]) {
      const b = await outputs(other);
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      for (const [file, text] of a) expect(b.get(file), file).toBe(text);
    }
  });

  it("asks for nothing it kept", async () => {
    const records = await readPublications(path.join(base, "publiceringar"), "publiceringar");
    const told = await readTold(path.join(base, "publiceringar"), records);
    expect(told.size).toBeGreaterThan(0);
    for (const { record, cells } of askedKept) {
      const k = records.findIndex((r) => JSON.stringify(r) === JSON.stringify(record));
      for (const id of cells) expect(told.get(k)?.has(id) ?? false, id).toBe(false);
    }
    const cellsAsked = (calls: typeof asked) => calls.reduce((n, c) => n + c.cells.length, 0);
    expect(cellsAsked(askedKept)).toBeLessThan(cellsAsked(askedFresh));
    expect(askedAgain).toEqual([]);
  });
});
