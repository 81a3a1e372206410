/**
 * The CLI meets faulty exports and paths plainly (issue 8, "Bytes"): every error path prints its
 * JSON document with --json, unreadable paths exit 2, unknown columns are a bounded summary.
 * Fixtures are written as bytes into a temporary folder.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { memoryIo } from "../../src/cli/io.ts";

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "utfall-faults-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function run(argv: string[], io = memoryIo({ cwd: tmp, env: {} })) {
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

function write(name: string, bytes: Uint8Array | string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, bytes);
  return file;
}

const LEDGER = ["Period;Ansvar;Verksamhet;Konto;Budget;Utfall", "2023-01;4510;ekbist;4610;1 000;900", "2023-01;4510;ekbist;4620;2 000,50;1 500", "2023-02;4520;försörjning;4610;3 000;3 100"];

describe("every error path prints one JSON document with --json", () => {
  it("a missing file: exit 2, the message on stderr and an error document on stdout", async () => {
    const r = await run(["validate", "finns-inte.csv", "--kind", "ledger", "--json"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("filen finns inte: finns-inte.csv (no such file)");
    expect(JSON.parse(r.out)).toEqual({ status: "error", exitCode: 2, error: "filen finns inte: finns-inte.csv (no such file)" });
    // Without --json stdout stays empty.
    expect((await run(["validate", "finns-inte.csv", "--kind", "ledger"])).out).toBe("");
  });

  it("a symbolic link loop exits 2 with a clear message (validate and inspect)", async () => {
    fs.symlinkSync(path.join(tmp, "loop-b.csv"), path.join(tmp, "loop-a.csv"));
    fs.symlinkSync(path.join(tmp, "loop-a.csv"), path.join(tmp, "loop-b.csv"));
    for (const argv of [["validate", "loop-a.csv", "--kind", "ledger", "--json"], ["inspect", "loop-a.csv", "--json"]]) {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.err).toContain("loop-a.csv är en symbolisk länk i en slinga (symbolic link loop)");
      expect(JSON.parse(r.out)).toMatchObject({ status: "error", exitCode: 2 });
    }
  });

  it("invalid UTF-8 after a BOM: validate --json prints its failed report, inspect --json its error document, both exit 1", async () => {
    const body = Buffer.from("\ufeff" + LEDGER.slice(0, 2).join("\n") + "\n2023-01;4510;f", "utf8");
    const offset = body.length;
    write("bom.csv", new Uint8Array(Buffer.concat([body, Buffer.from([0xf6]), Buffer.from("rs;4610;1;2\n")])));
    const v = await run(["validate", "bom.csv", "--kind", "ledger", "--json"]);
    expect(v.code).toBe(1);
    const j = JSON.parse(v.out);
    expect(j.status).toBe("failed");
    expect(j.failure).toContain(`ogiltig UTF-8 på rad 3, byte ${offset}`);
    expect(j.report.rowsRead).toBe(j.report.rowsAccepted + j.report.rowsQuarantined);
    expect(j.report.rowsRead).toBe(2);
    const i = await run(["inspect", "bom.csv", "--json"]);
    expect(i.code).toBe(1);
    expect(i.err).toContain(`ogiltig UTF-8 på rad 3, byte ${offset}`);
    const doc = JSON.parse(i.out);
    expect(doc).toMatchObject({ status: "error", exitCode: 1 });
    expect(doc.error).toContain(`invalid UTF-8 at line 3, byte offset ${offset}`);
  });

  it("an unexpected error (the output pipe fails) still ends in one error document", async () => {
    write("huvudbok.csv", LEDGER.join("\n") + "\n");
    const base = memoryIo({ cwd: tmp, env: {} });
    let failed = false;
    // The first write to stdout fails, whether text or a JSON document.
    const failOnce = <A>(write: (a: A) => void) => (a: A) => {
      if (!failed) {
        failed = true;
        throw Object.assign(new Error("write EPIPE"), { code: "EPIPE" });
      }
      write(a);
    };
    const io: typeof base = { ...base, stdout: failOnce(base.stdout), json: failOnce(base.json) };
    const r = await run(["validate", "huvudbok.csv", "--json"], io);
    expect(r.code).toBe(1);
    expect(r.err).toContain("utfall validate: oväntat fel (unexpected error): write EPIPE");
    expect(JSON.parse(r.out)).toEqual({ status: "error", exitCode: 1, error: "oväntat fel (unexpected error): write EPIPE" });
  });
});

describe("bare CR line ends and unknown columns in validate's output", () => {
  it("a file with bare CR line ends validates clean: every row, no cell listed as a column", async () => {
    write("cr.csv", LEDGER.join("\r") + "\r");
    const h = await run(["validate", "cr.csv", "--kind", "ledger"]);
    expect(h.code).toBe(0);
    expect(h.out).toContain("Rader lästa (rows read):      3");
    expect(h.out).toContain("okända i filen (unknown): –;");
    expect(h.out).not.toContain("försörjning");
    const j = JSON.parse((await run(["validate", "cr.csv", "--kind", "ledger", "--json"])).out);
    expect(j).toMatchObject({ status: "ok", exitCode: 0 });
    expect(j.report).toMatchObject({ lineBreak: "\r", rowsRead: 3, rowsAccepted: 3, rowsQuarantined: 0, unknownColumnCount: 0 });
    const i = JSON.parse((await run(["inspect", "cr.csv", "--json"])).out);
    expect(i).toMatchObject({ lineBreak: "\r", dataRows: 3, header: LEDGER[0].split(";") });
  });

  it("hundreds of unknown columns: ten names and a count, never a cell value", async () => {
    const extra = Array.from({ length: 300 }, (_, k) => `Extra ${k + 1}`);
    write("wide.csv", [[LEDGER[0], ...extra].join(";"), [LEDGER[1], ...extra.map((_, k) => `värde-${k}`)].join(";")].join("\n") + "\n");
    const h = await run(["validate", "wide.csv", "--kind", "ledger"]);
    expect(h.code).toBe(0);
    expect(h.out).toContain(`okända i filen (unknown): ${extra.slice(0, 10).join(", ")} … och 290 till (and 290 more);`);
    expect(h.out).not.toContain("Extra 11,");
    expect(h.out).not.toContain("värde-");
    const j = JSON.parse((await run(["validate", "wide.csv", "--kind", "ledger", "--json"])).out);
    expect(j.report.unknownColumns).toHaveLength(20);
    expect(j.report.unknownColumnCount).toBe(300);
    expect(JSON.stringify(j)).not.toContain("värde-");
  });
});

describe("export kinds answer to their Swedish names", () => {
  it.each([
    ["huvudbok", "ledger"], ["Huvudbok", "ledger"], ["ledger", "ledger"], ["deltagare", "participants"], ["insatser", "programmes"],
    ["mål", "targets"], ["mal", "targets"], ["närvaro", "attendance"], ["ekonomiskt-bistånd", "assistance"], ["ekonomiskt bistånd", "assistance"],
    ["bemanning", "staffing"], ["prognos", "forecasts"], ["kolada", "kolada"],
  ])("--kind %s loads as %s", async (name, kind) => {
    write("export.csv", LEDGER.join("\n") + "\n");
    const r = await run(["validate", "export.csv", "--kind", name, "--json"]);
    expect(JSON.parse(r.out).report.kind).toBe(kind);
  });

  it("an unknown kind lists the Swedish and English names; a Swedish file name picks its kind", async () => {
    const r = await run(["validate", "export.csv", "--kind", "bokföring"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("okänd exporttyp bokföring (unknown kind); finns: deltagare (participants), insatser (programmes), huvudbok (ledger)");
    write("Huvudbok.CSV", LEDGER.join("\n") + "\n");
    const j = JSON.parse((await run(["validate", "Huvudbok.CSV", "--json"])).out);
    expect(j).toMatchObject({ status: "ok", report: { kind: "ledger", rowsRead: 3 } });
  });
});

describe("inspect lists a bounded table of columns", () => {
  it("a file read as one line of 900 fields: 100 rows and a count, not every cell", async () => {
    const cellsOnOneLine = Array.from({ length: 900 }, (_, k) => `kolumn${k}`).join(";");
    write("en-rad.csv", `${cellsOnOneLine}\n${cellsOnOneLine.replace(/kolumn/g, "v")}\n`);
    const r = await run(["inspect", "en-rad.csv"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("kolumn99 ");
    expect(r.out).not.toContain("kolumn100 ");
    expect(r.out).toContain("… och 800 kolumner till (and 800 more columns; is the delimiter or the line break right?)");
  });
});
