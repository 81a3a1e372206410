// Issue 7, "Must show": a data folder with identity numbers in free text, names and date columns
// makes internal and public builds of the sample reports fail with exit 1, naming file, line and
// column; no output file, no stdout and no stderr holds a number.
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import type { Io } from "../../src/cli/io.ts";
import { containsIdentityNumberShape, findIdentityNumbers } from "../../src/guard/identity-numbers.ts";
import { scanOutputs } from "../../src/guard/scan-outputs.ts";
import { listFiles, ROOT, TEST_ENV } from "../report/helpers.ts";
import { participantsWithIdentityNumbers, type Injected } from "./fixture.ts";

const REPORTS = ["delarsrapport", "ekonomiskt-bistand", "insatser", "mal-150-jobb"];

function expectNothingOf(injected: readonly Injected[], text: string): void {
  const digitsOnly = text.replace(/[^0-9]/g, "");
  for (const inj of injected) {
    expect(text.includes(inj.written)).toBe(false);
    expect(digitsOnly.includes(inj.digits.slice(2))).toBe(false);
  }
  expect(findIdentityNumbers(text)).toEqual([]);
  expect(containsIdentityNumberShape(text)).toBe(false);
}

describe("builds refuse identity numbers in the data", () => {
  const fixture = participantsWithIdentityNumbers();
  let tmp: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "utfall-pnr-"));
    await cp(path.join(ROOT, "data/sample"), path.join(tmp, "data"), { recursive: true });
    await writeFile(path.join(tmp, "data/deltagare.csv"), fixture.bytes);
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  for (const mode of ["internal", "public"] as const) {
    it(`${mode} build: exit 1, every report names file, line and column; no number anywhere`, async () => {
      const stdout: string[] = [];
      const stderr: string[] = [];
      // Raw writers: what runBuild writes is checked as written, without the Io's own mask.
      const io: Io = { stdout: (s) => void stdout.push(s), stderr: (s) => void stderr.push(s), env: { ...TEST_ENV, SOURCE_DATE_EPOCH: "1682985600" }, cwd: ROOT };
      const out = path.join(tmp, `out-${mode}`);
      const args = [...REPORTS, "--data", path.join(tmp, "data"), "--out", out, "--period", "2023-04", ...(mode === "public" ? ["--public"] : [])];
      expect(await runBuild(args, io)).toBe(1);

      const err = stderr.join("");
      for (const name of REPORTS) expect(err).toContain(`Fel: ${name} byggdes inte`);
      // The load error lists the first ten problems by file, line and column; the first row is in every report's message.
      const first = fixture.injected[0];
      expect(err.split(`deltagare.csv:${first.line}: column "${first.column}"`).length - 1).toBe(REPORTS.length);
      for (const inj of fixture.injected.slice(0, 10)) expect(err).toContain(`deltagare.csv:${inj.line}: column "${inj.column}"`);
      expect(err).toContain("cellen innehåller ett personnummer eller samordningsnummer, värdet visas inte");
      expect(err).toMatch(/4 av 4 rapporter misslyckades/);

      expectNothingOf(fixture.injected, stdout.join(""));
      expectNothingOf(fixture.injected, err);

      // Nothing was published; whatever is in the output folder is scanned all the same.
      const files = new Map<string, Uint8Array>();
      if (existsSync(out)) for (const rel of await listFiles(out)) files.set(rel, new Uint8Array(await readFile(path.join(out, rel))));
      expect(scanOutputs(files).findings).toEqual([]);
      for (const [, bytes] of files) expectNothingOf(fixture.injected, new TextDecoder().decode(bytes));
      expect(files.size).toBe(0);
    }, 60_000);
  }
});
