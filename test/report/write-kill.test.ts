// A real SIGKILL at many points of the swap: a child process writes a new version of a report
// over an old one and is killed (a) while stopped at each step of the swap and (b) while running
// freely, just after it reported a given step. Whatever the point, the report path holds the
// complete old or the complete new report, and the next build leaves no leftovers.
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readlink, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReportAtomically } from "../../src/report/write.ts";
import { ROOT } from "./helpers.ts";
import { readVersion, versionFiles } from "./write-fixture.ts";

const CHILD = path.join(ROOT, "test/report/write-kill-child.ts");

interface Killed {
  labels: string[];
  signal: NodeJS.Signals | null;
}

/** Run the child writing `version` to `out`; SIGKILL it once it prints `killAt`. */
function runAndKill(out: string, version: string, killAt: string, stop: boolean): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, out, version, stop ? killAt : ""], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const labels: string[] = [];
    let buffered = "";
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (d: Buffer) => {
      buffered += d.toString();
      let nl: number;
      while ((nl = buffered.indexOf("\n")) >= 0) {
        const label = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        labels.push(label);
        if (label === killAt) child.kill("SIGKILL");
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal !== "SIGKILL" && !labels.includes("done")) reject(new Error(`child exited ${code}: ${stderr}`));
      else resolve({ labels, signal });
    });
  });
}

const STOPS = [
  "recovered",
  "folder-created",
  "file-written:figures.json",
  "file-written:tables/t11.csv",
  "files-complete",
  "version-ready",
  "link-created",
  "link-switched",
  "old-removed",
];
// Killed while running on: the kill lands somewhere after the step was printed.
const RUNNING = ["folder-created", "file-written:tables/t03.csv", "file-written:tables/t20.csv", "files-complete", "version-ready", "link-created"];

describe("SIGKILL during the swap", () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "utfall-kill-"));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  const cases = [...STOPS.map((at) => ({ at, stop: true })), ...RUNNING.map((at) => ({ at, stop: false }))];
  it.each(cases)("killed at $at (stopped: $stop): old or new report, no leftovers after the next build", async ({ at, stop }) => {
    const out = path.join(tmp, `${stop ? "stop" : "run"}-${at.replace(/[^a-z0-9]+/g, "-")}`, "rapport");
    await writeReportAtomically(out, versionFiles("gammal"));
    const killed = await runAndKill(out, "ny", at, stop);
    expect(killed.labels).toContain(at);
    // A stopped child is always killed; one running on may finish the last steps before the
    // signal lands, and then it must have written the new report.
    if (stop) expect(killed.signal).toBe("SIGKILL");
    else expect(killed.signal === "SIGKILL" || killed.labels.at(-1) === "done").toBe(true);
    const found = await readVersion(out);
    expect(["gammal", "ny"]).toContain(found);
    if (stop) expect(found).toBe(STOPS.indexOf(at) < STOPS.indexOf("link-switched") ? "gammal" : "ny");
    if (killed.signal !== "SIGKILL") expect(found).toBe("ny");

    await writeReportAtomically(out, versionFiles("nasta"));
    expect(await readVersion(out)).toBe("nasta");
    const entries = (await readdir(path.dirname(out))).sort();
    expect(entries).toEqual([await readlink(out), "rapport"].sort());
  });

  it("a first build killed before its link exists leaves no report and nothing the next build keeps", async () => {
    const out = path.join(tmp, "first", "rapport");
    const killed = await runAndKill(out, "ny", "version-ready", true);
    expect(killed.signal).toBe("SIGKILL");
    expect(await readVersion(out)).toBe(null);
    expect((await readdir(path.dirname(out))).length).toBeGreaterThan(0); // the killed build's version folder
    await writeReportAtomically(out, versionFiles("nasta"));
    expect((await readdir(path.dirname(out))).sort()).toEqual([await readlink(out), "rapport"].sort());
  });
});
