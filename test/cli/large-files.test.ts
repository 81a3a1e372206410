// Files larger than one string can hold: inspect says so and points to validate (which reads any
// size in windows), instead of failing on V8's string limit as an "unexpected error".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { INSPECT_MAX_BYTES } from "../../src/cli/inspect.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "utfall-large-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[]) {
  const io = memoryIo({ cwd: tmp, env: {} });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe("inspect of a file over its limit", () => {
  it("exits 1 naming the size and validate, without reading the file", async () => {
    // A sparse file: 600 MiB long, no disk used, never read.
    const big = path.join(tmp, "deltagare.csv");
    fs.closeSync(fs.openSync(big, "w"));
    fs.truncateSync(big, 600 * 2 ** 20);
    expect(fs.statSync(big).size).toBeGreaterThan(INSPECT_MAX_BYTES);
    const r = await run(["inspect", "deltagare.csv"]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toBe(
      "utfall inspect: deltagare.csv är 600 MiB, inspect läser högst 480 MiB (the file is too large for inspect): använd utfall validate deltagare.csv --kind <typ>, som läser filer av alla storlekar\n",
    );
    const j = await run(["inspect", "deltagare.csv", "--json"]);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.out).error).toContain("too large for inspect");
  });

  it("a missing file is still a usage error with its own message", async () => {
    const r = await run(["inspect", "finns-inte.csv"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("filen finns inte: finns-inte.csv (no such file)");
  });
});

describe("the file name in inspect's messages", () => {
  it("never shows an identity number in it (the Io redacts every line it writes)", async () => {
    const name = "deltagare-19811218-9876.csv";
    const big = path.join(tmp, name);
    fs.closeSync(fs.openSync(big, "w"));
    fs.truncateSync(big, 600 * 2 ** 20);
    const r = await run(["inspect", name, "--json"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("too large for inspect");
    expect(r.err + r.out).not.toContain("19811218-9876");
  });
});
