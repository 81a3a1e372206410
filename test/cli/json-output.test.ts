/**
 * A JSON document the CLI prints (`--json`, and the error document) is valid JSON: every string
 * in it — values and object keys — is masked like text, while the numbers the program produced
 * stay numbers. Masking the whole text turned `"bytes": 1408701107` (a 1,4 GB export) into
 * `"bytes": [personnummer dolt]`. The 1,4 GB file itself is checked by hand, never here.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { printErrorDocument } from "../../src/cli/error-json.ts";
import { jsonDocument, memoryIo, processIo, writeJson, type Io } from "../../src/cli/io.ts";
import { runKolada, type KoladaDeps } from "../../src/cli/kolada.ts";
import { listKinds } from "../../src/cli/list.ts";
import { main } from "../../src/cli/main.ts";
import { containsIdentityNumberShape } from "../../src/guard/identity-numbers.ts";
import { REDACTED } from "../../src/read/redact.ts";
import { jsonStrings, makePnr } from "../read/helpers.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "utfall-json-output-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function expectNothingPersonal(value: unknown): void {
  const all = jsonStrings(value);
  expect(all.length).toBeGreaterThan(0);
  for (const s of all) expect(containsIdentityNumberShape(s), s).toBe(false);
}

/** What `inspect --json` printed for a file of 1 408 701 107 bytes, with the digits also in strings and keys. */
const DOC = {
  file: "deltagare-198112189876.csv",
  bytes: 1408701107,
  big: 198112189876,
  header: ["Personnummer", "19811218-9876"],
  errorsByKind: { "1408701107": 1, "198112189876": 2, pnr: 3 },
  note: "ring 811218-9876",
};
const PARSED = {
  file: `deltagare-${REDACTED}.csv`,
  bytes: 1408701107,
  big: 198112189876,
  header: ["Personnummer", REDACTED],
  errorsByKind: { [REDACTED]: 1, [`${REDACTED} (2)`]: 2, pnr: 3 },
  note: `ring ${REDACTED}`,
};

describe("Io.json", () => {
  it("memoryIo: numbers of 10 and 12 digits stay numbers, the same digits in strings and keys are masked; text is masked as before", () => {
    const io = memoryIo();
    io.stdout("storlek 1408701107 byte\n");
    io.json(DOC);
    io.stdout("198112189876\n");
    const [before, ...rest] = io.out().split("\n");
    expect(before).toBe(`storlek ${REDACTED} byte`);
    expect(rest.at(-2)).toBe(REDACTED);
    const text = rest.slice(0, -2).join("\n");
    expect(text).toContain('"bytes": 1408701107,');
    expect(text).toContain('"big": 198112189876,');
    expect(JSON.parse(text)).toEqual(PARSED);
    expectNothingPersonal(JSON.parse(text));
  });

  it("processIo writes the document to process.stdout as one chunk, not masked again", () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const p = processIo();
      p.json?.(DOC);
      p.stdout("1408701107\n");
    } finally {
      spy.mockRestore();
    }
    expect(written).toHaveLength(2);
    expect(written[0]).toBe(jsonDocument(DOC));
    expect(written[0].endsWith("}\n")).toBe(true);
    expect(JSON.parse(written[0])).toEqual(PARSED);
    expect(written[1]).toBe(`${REDACTED}\n`);
  });

  it("writeJson on an Io without json writes the masked document through stdout", () => {
    const out: string[] = [];
    const io: Io = { stdout: (t) => void out.push(t), stderr: () => {}, env: {}, cwd: tmp };
    writeJson(io, DOC);
    expect(out).toEqual([jsonDocument(DOC)]);
    expect(JSON.parse(out[0])).toEqual(PARSED);
  });

  it("the error document masks its message", () => {
    const io = memoryIo();
    printErrorDocument(io, 2, "kunde inte läsa 811218-9876.csv (could not read the file)");
    expect(JSON.parse(io.out())).toEqual({ status: "error", exitCode: 2, error: `kunde inte läsa ${REDACTED}.csv (could not read the file)` });
  });
});

describe("commands print valid JSON with masked strings", () => {
  const PNR = makePnr("19811218", "987");
  const name = `deltagare-${PNR}.csv`;
  fs.writeFileSync(
    path.join(tmp, name),
    ["Personnummer;Kön;Insats;" + PNR.slice(2), `${PNR};K;IPS;ring ${PNR}`, `${makePnr("19920704", "246")};M;Praktik;1408701107`, ""].join("\n"),
  );
  const size = fs.statSync(path.join(tmp, name)).size;

  async function run(argv: string[]) {
    const io = memoryIo({ cwd: tmp, env: {} });
    const code = await main(argv, io);
    return { code, doc: JSON.parse(io.out()), err: io.err() };
  }

  it("inspect --json: file name and header masked, counts are numbers", async () => {
    const { code, doc } = await run(["inspect", name, "--json"]);
    expect(code).toBe(0);
    expect(doc).toMatchObject({ file: `deltagare-${REDACTED}.csv`, bytes: size, dataRows: 2, headerLine: 1 });
    expect(doc.header).toEqual(["Personnummer", "Kön", "Insats", REDACTED]);
    expect(doc.columns[3]).toMatchObject({ header: REDACTED, missing: 0 });
    expectNothingPersonal(doc);
  });

  it("validate --json: file name, headers and messages masked, counts are numbers", async () => {
    const { code, doc } = await run(["validate", name, "--kind", "participants", "--json"]);
    expect(code).toBe(1);
    expect(doc).toMatchObject({ status: "failed", exitCode: 1 });
    expect(doc.report).toMatchObject({ file: `deltagare-${REDACTED}.csv`, bytes: size, header: ["Personnummer", "Kön", "Insats", REDACTED] });
    expect(typeof doc.report.rowsRead).toBe("number");
    expectNothingPersonal(doc);
  });

  it("an error document from main (a missing file) masks the file name", async () => {
    const { code, doc, err } = await run(["inspect", `saknas-${PNR}.csv`, "--json"]);
    expect(code).toBe(2);
    expect(doc).toMatchObject({ status: "error", exitCode: 2 });
    expect(doc.error).toContain(`saknas-${REDACTED}.csv`);
    expect(err).toContain(`saknas-${REDACTED}.csv`);
    expectNothingPersonal(doc);
  });

  it("list --json is the registry's kinds and no reports", async () => {
    const { code, doc } = await run(["list", "--json"]);
    expect(code).toBe(0);
    expect(doc).toEqual({ kinds: listKinds(), reports: [] });
  });

  it("kolada --json: the summary with a masked file name and numbers", async () => {
    const url = "https://api.kolada.se/v3/data/kpi/U40455/municipality/1980/year/2022";
    const deps: KoladaDeps = {
      fetch: async () => ({ ok: true, status: 200, text: async () => JSON.stringify({ values: [{ kpi: "U40455", municipality: "1980", period: 2022, values: [{ gender: "T", value: 38.2, status: "", count: 1, isdeleted: false }] }], next_url: null }) }),
      now: () => new Date(Date.UTC(2024, 2, 15, 9, 30, 0)),
    };
    const io = memoryIo({ cwd: tmp });
    expect(await runKolada(["hämta", "--kpi", "U40455", "--kommun", "1980", "--år", "2022", "--ut", `k-${PNR.slice(2)}.json`, "--json"], io, deps)).toBe(0);
    expect(JSON.parse(io.out())).toEqual({ file: `k-${REDACTED}.json`, pages: 1, requests: 1, values: 1, retrieved: "2024-03-15T09:30:00.000Z", urls: [url] });
    expect(fs.existsSync(path.join(tmp, `k-${PNR.slice(2)}.json`))).toBe(true);
  });
});
