/**
 * `utfall inspect --json` and `validate --json` of an export of 1 000 000 000 bytes or more: the
 * size is a number of 10 digits and must be printed as that number, not as `[personnummer dolt]`
 * (which is what masking the whole text did, and is not JSON). Instead of a 1,4 GB file, the
 * readers are wrapped so that they report such a size for a small file; the command, `writeJson`
 * and the Io are the real ones.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { memoryIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { makePnr } from "../read/helpers.ts";

const INSPECT_BYTES = 1408701107;
const VALIDATE_BYTES = 198112189876;

vi.mock("../../src/read/inspect.ts", async (importOriginal) => {
  const m = await importOriginal<typeof import("../../src/read/inspect.ts")>();
  return { ...m, inspectFile: (...args: Parameters<typeof m.inspectFile>) => ({ ...m.inspectFile(...args), bytes: INSPECT_BYTES }) };
});
vi.mock("../../src/schema/load.ts", async (importOriginal) => {
  const m = await importOriginal<typeof import("../../src/schema/load.ts")>();
  return {
    ...m,
    loadFile: async (...args: Parameters<typeof m.loadFile>) => {
      const r = await m.loadFile(...args);
      return { ...r, report: { ...r.report, bytes: VALIDATE_BYTES } };
    },
  };
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "utfall-json-large-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const PNR = makePnr("19811218", "987");
fs.writeFileSync(
  path.join(tmp, "deltagare.csv"),
  [
    "Personnummer;Kön;Insats;Startdatum;Anteckning",
    `${PNR};K;IPS;2023-01-16;ring ${PNR}`,
    `${makePnr("19920704", "246")};M;JOBBSP;2023-02-01;1408701107`,
    "",
  ].join("\n"),
);

async function run(argv: string[]) {
  const io = memoryIo({ cwd: tmp, env: {} });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe("a size of 10 or 12 digits in --json output", () => {
  it("inspect --json prints bytes 1408701107 as a number; the file's identity numbers stay masked", async () => {
    const { code, out } = await run(["inspect", "deltagare.csv", "--json"]);
    expect(code).toBe(0);
    expect(out).toContain(`"bytes": ${INSPECT_BYTES},\n`);
    const doc = JSON.parse(out);
    expect(doc.bytes).toBe(INSPECT_BYTES);
    expect(doc).toMatchObject({ file: "deltagare.csv", dataRows: 2 });
    expect(out).not.toContain(PNR.slice(2));
    expect(out).not.toContain(PNR.replace("-", "").slice(2));
    expect(doc.columns[0]).toMatchObject({ header: "Personnummer", personal: true, examples: [] });
  });

  it("inspect without --json: the size as text, grouped, as before", async () => {
    const { code, out } = await run(["inspect", "deltagare.csv"]);
    expect(code).toBe(0);
    expect(out).toContain("1 408 701 107 byte");
  });

  it("validate --json prints report.bytes 198112189876 as a number; messages stay masked", async () => {
    const { code, out } = await run(["validate", "deltagare.csv", "--kind", "participants", "--json"]);
    const doc = JSON.parse(out);
    expect(code).toBe(doc.exitCode);
    expect(out).toContain(`"bytes": ${VALIDATE_BYTES},\n`);
    expect(doc.report.bytes).toBe(VALIDATE_BYTES);
    expect(doc.report.file).toBe("deltagare.csv");
    expect(out).not.toContain(PNR.slice(2));
  });
});
