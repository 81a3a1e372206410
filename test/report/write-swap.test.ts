// The swap has no gap: the writer is stopped at every step (through its onStep hook) and the
// report path is checked there; a stopped writer is then treated as killed and the next build
// must leave exactly the report link and its one version folder.
import { spawnSync } from "node:child_process";
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recoverReportFolder, writeReportAtomically, type SwapStep } from "../../src/report/write.ts";
import { readVersion, versionFiles } from "./write-fixture.ts";

/** The pid of a process that has run and exited: a writer with this pid counts as killed. */
const DEAD_PID = spawnSync(process.execPath, ["-e", ""]).pid!;

async function stepsOfOneWrite(dir: string): Promise<string[]> {
  const labels: string[] = [];
  const out = path.join(dir, "probe", "rapport");
  await writeReportAtomically(out, versionFiles("probe-1"));
  await writeReportAtomically(out, versionFiles("probe-2"), { onStep: (s, d) => void labels.push(d === undefined ? s : `${s}:${d}`) });
  return labels;
}

/** After a build: the report path is a link to the one version folder beside it, and nothing else. */
async function expectNoLeftovers(out: string): Promise<void> {
  const parent = path.dirname(out);
  const entries = (await readdir(parent)).sort();
  const link = await readlink(out);
  expect(entries).toEqual([`.${path.basename(out)}@${link.slice(path.basename(out).length + 2)}`, path.basename(out)].sort());
  expect(link).toMatch(/^\.rapport@\d+-[0-9a-f]+$/);
}

describe("the report swap", () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "utfall-swap-"));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it("lists its steps in order, every file synced before the version is named", async () => {
    const labels = await stepsOfOneWrite(tmp);
    expect(labels[0]).toBe("recovered");
    expect(labels[1]).toBe("folder-created");
    expect(labels.filter((l) => l.startsWith("file-written:"))).toHaveLength(26);
    expect(labels.slice(-5)).toEqual(["files-complete", "version-ready", "link-created", "link-switched", "old-removed"]);
  });

  it("stopped at every step, the report path is the complete old or the complete new report; the next build leaves no leftovers", async () => {
    const labels = await stepsOfOneWrite(tmp);
    const seen: Record<string, string | null> = {};
    for (const [k, label] of labels.entries()) {
      const out = path.join(tmp, `k${k}`, "rapport");
      await writeReportAtomically(out, versionFiles("gammal"));
      let stopped!: () => void;
      const reached = new Promise<void>((resolve) => (stopped = resolve));
      // The writer is stopped here for good: it never resumes (as if killed at this step).
      void writeReportAtomically(out, versionFiles("ny"), {
        pid: DEAD_PID,
        onStep: async (s, d) => {
          if ((d === undefined ? s : `${s}:${d}`) !== label) return;
          seen[label] = await readVersion(out);
          stopped();
          await new Promise(() => undefined);
        },
      });
      await reached;
      // Before the link is switched readers see the old report; from then on the new one.
      const switchedAt = labels.indexOf("link-switched");
      expect(seen[label], label).toBe(k < switchedAt ? "gammal" : "ny");
      expect(await readVersion(out), label).toBe(k < switchedAt ? "gammal" : "ny");

      // The next build finds the killed build's leftovers and removes them.
      await writeReportAtomically(out, versionFiles("nasta"));
      expect(await readVersion(out), label).toBe("nasta");
      await expectNoLeftovers(out);
    }
    expect(Object.keys(seen)).toHaveLength(labels.length);
  });

  it("a reader polling through a whole write only ever sees the old or the new report", async () => {
    const out = path.join(tmp, "out", "rapport");
    await writeReportAtomically(out, versionFiles("v1"));
    const seen: (string | null)[] = [];
    await writeReportAtomically(out, versionFiles("v2"), { onStep: async () => void seen.push(await readVersion(out)) });
    expect(new Set(seen)).toEqual(new Set(["v1", "v2"]));
    expect(seen.at(-1)).toBe("v2");
    expect(seen.indexOf("v2")).toBe(seen.lastIndexOf("v1") + 1);
    await expectNoLeftovers(out);
  });

  it("a first build stopped at any step leaves nothing or the complete new report", async () => {
    const labels = (await stepsOfOneWrite(tmp)).filter((l) => !l.startsWith("file-written:") || l.endsWith("t05.csv"));
    for (const [k, label] of labels.entries()) {
      const out = path.join(tmp, `first${k}`, "rapport");
      let stopped!: () => void;
      const reached = new Promise<void>((resolve) => (stopped = resolve));
      void writeReportAtomically(out, versionFiles("ny"), {
        pid: DEAD_PID,
        onStep: async (s, d) => {
          if ((d === undefined ? s : `${s}:${d}`) === label) {
            stopped();
            await new Promise(() => undefined);
          }
        },
      });
      await reached;
      expect([null, "ny"], label).toContain(await readVersion(out));
      await writeReportAtomically(out, versionFiles("nasta"));
      expect(await readVersion(out)).toBe("nasta");
      await expectNoLeftovers(out);
    }
  });

  it("creates folders with ordinary permissions (the umask's, not 0700)", async () => {
    const ref = path.join(tmp, "referens");
    await mkdir(ref);
    const expected = (await stat(ref)).mode & 0o777;
    expect(expected & 0o055).not.toBe(0); // this machine's umask lets others read folders
    const out = path.join(tmp, "out", "rapport");
    await writeReportAtomically(out, versionFiles("v1"));
    expect((await stat(out)).mode & 0o777).toBe(expected);
    expect((await stat(path.join(out, "tables"))).mode & 0o777).toBe(expected);
    expect((await lstat(out)).isSymbolicLink()).toBe(true);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toContain("<title>v1</title>");
  });

  it("replaces an old-style real folder by a link, and restores it when a build was killed with it moved aside", async () => {
    const out = path.join(tmp, "out", "rapport");
    // As the previous utfall left things: a real folder, a killed build's mkdtemp folder.
    for (const [rel, bytes] of versionFiles("gammal")) {
      await mkdir(path.dirname(path.join(out, rel)), { recursive: true });
      await writeFile(path.join(out, rel), bytes);
    }
    await mkdir(path.join(tmp, "out", ".rapport.tmp-Ab12Cd"));
    await writeFile(path.join(tmp, "out", ".rapport.tmp-Ab12Cd", "index.html"), "halv");

    let stopped!: () => void;
    const reached = new Promise<void>((resolve) => (stopped = resolve));
    const steps: SwapStep[] = [];
    void writeReportAtomically(out, versionFiles("ny"), {
      pid: DEAD_PID,
      onStep: async (s) => {
        steps.push(s);
        if (s === "legacy-moved-aside") {
          stopped();
          await new Promise(() => undefined);
        }
      },
    });
    await reached;
    // Killed here, the report path is missing (once, when upgrading from the old layout) …
    expect(await readVersion(out)).toBe(null);
    // … and the next start puts the complete old report back before anything else.
    const restored = await recoverReportFolder(out);
    expect(restored.some((n) => n.startsWith(".rapport.aside-"))).toBe(true);
    expect(await readVersion(out)).toBe("gammal");
    expect((await lstat(out)).isDirectory()).toBe(true);

    await writeReportAtomically(out, versionFiles("nasta"));
    expect(await readVersion(out)).toBe("nasta");
    await expectNoLeftovers(out);
  });

  it("restores the old report from the previous layout's '-old' folder when killed between its two renames", async () => {
    const out = path.join(tmp, "out", "rapport");
    const old = path.join(tmp, "out", ".rapport.tmp-Zz9Yy8-old");
    for (const [rel, bytes] of versionFiles("gammal")) {
      await mkdir(path.dirname(path.join(old, rel)), { recursive: true });
      await writeFile(path.join(old, rel), bytes);
    }
    await mkdir(path.join(tmp, "out", ".rapport.tmp-Zz9Yy8"));
    expect(await readVersion(out)).toBe(null);
    await recoverReportFolder(out);
    expect(await readVersion(out)).toBe("gammal");
    expect((await readdir(path.join(tmp, "out"))).sort()).toEqual(["rapport"]);
  });

  it("leaves the entries of a writer that is still running alone", async () => {
    const out = path.join(tmp, "out", "rapport");
    await writeReportAtomically(out, versionFiles("v1"));
    const live = path.join(tmp, "out", `.rapport.tmp-${process.ppid}-abc123`);
    await mkdir(live);
    await writeReportAtomically(out, versionFiles("v2"));
    expect(await readdir(live)).toEqual([]);
    expect(await readVersion(out)).toBe("v2");
  });

  it("leaves the previous report and no temporary entry when writing fails", async () => {
    const out = path.join(tmp, "out", "rapport");
    await writeReportAtomically(out, versionFiles("v1"));
    const bad = new Map([...versionFiles("v2"), ["../../utanfor.txt", new Uint8Array([1])]]);
    await expect(writeReportAtomically(out, bad)).rejects.toThrow(/escapes/);
    expect(await readVersion(out)).toBe("v1");
    await expectNoLeftovers(out);
  });
});
