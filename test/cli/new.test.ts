// `utfall new <name>` writes a commented report script from a template that builds as it is,
// and never overwrites a file.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import { main } from "../../src/cli/main.ts";
import { ROOT } from "../report/helpers.ts";

let dir = "";
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), env: { SOURCE_DATE_EPOCH: "1700000000", UTFALL_PSEUDONYM_KEY: "00112233445566778899aabbccddeeff" }, cwd } };
}

describe("utfall new", () => {
  it("writes a report script that builds as it is, internal and public", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "utfall-new-"));
    const a = io(dir);
    expect(await main(["new", "min-rapport"], a.io)).toBe(0);
    const file = path.join(dir, "reports", "min-rapport.ts");
    const script = await readFile(file, "utf8");
    expect(script).toContain("r.publishable(");
    expect(a.out.join("")).toContain("utfall build min-rapport");

    const b = io(dir);
    expect(await runBuild([file, "--data", path.join(ROOT, "data/sample"), "--out", path.join(dir, "out")], b.io)).toBe(0);
    const doc = JSON.parse(await readFile(path.join(dir, "out", "min-rapport", "figures.json"), "utf8"));
    expect(doc.figures.find((f: { id: string }) => f.id === "deltagare").value).toBeGreaterThan(100);
    expect(doc.charts).toHaveLength(1);
    expect(doc.tables).toHaveLength(1);

    const c = io(dir);
    expect(await runBuild([file, "--public", "--data", path.join(ROOT, "data/sample"), "--out", path.join(dir, "out")], c.io)).toBe(0);
    const pub = JSON.parse(await readFile(path.join(dir, "out", "publik", "min-rapport", "figures.json"), "utf8"));
    expect(pub.disclosure.audit.threshold).toBe(5);
  }, 300_000);

  it("never overwrites a file, and refuses a name that cannot be a file name", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "utfall-new-"));
    expect(await main(["new", "a"], io(dir).io)).toBe(0);
    const before = await readFile(path.join(dir, "reports", "a.ts"), "utf8");
    const again = io(dir);
    expect(await main(["new", "a"], again.io)).toBe(1);
    expect(again.err.join("")).toContain("finns redan");
    expect(await readFile(path.join(dir, "reports", "a.ts"), "utf8")).toBe(before);
    expect(await main(["new", "Min Rapport"], io(dir).io)).toBe(2);
    expect(await main(["new"], io(dir).io)).toBe(2);
  });
});
