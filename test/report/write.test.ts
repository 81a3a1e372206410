import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, readlink, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeReportAtomically } from "../../src/report/write.ts";

const enc = (s: string) => new TextEncoder().encode(s);

describe("atomic output", () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "utfall-write-"));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it("writes a new folder and replaces an old one whole", async () => {
    const out = path.join(tmp, "out", "rapport");
    await writeReportAtomically(out, new Map([["index.html", enc("v1")], ["tables/a.csv", enc("a")]]));
    expect(await readFile(path.join(out, "tables/a.csv"), "utf8")).toBe("a");
    await writeReportAtomically(out, new Map([["index.html", enc("v2")]]));
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("v2");
    // No stale file from the previous build, no temp folders left behind.
    expect(existsSync(path.join(out, "tables/a.csv"))).toBe(false);
    // The report path is a link to its one version folder beside it (see src/report/write.ts).
    expect((await readdir(path.join(tmp, "out"))).sort()).toEqual([await readlink(out), "rapport"].sort());
  });

  it("leaves the previous report untouched and no temp folder when writing fails", async () => {
    const out = path.join(tmp, "out", "rapport");
    await writeReportAtomically(out, new Map([["index.html", enc("v1")]]));
    await expect(writeReportAtomically(out, new Map([["index.html", enc("v2")], ["../../utanfor.txt", enc("x")]]))).rejects.toThrow(/escapes/);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("v1");
    // The report path is a link to its one version folder beside it (see src/report/write.ts).
    expect((await readdir(path.join(tmp, "out"))).sort()).toEqual([await readlink(out), "rapport"].sort());
  });
});
