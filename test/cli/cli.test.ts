/**
 * The CLI, run in process through `main(argv, io)` with captured output (no child processes,
 * except one test of the real bin/utfall.js).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { kinds } from "../../src/sources/index.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const sampleDir = path.join(root, "data", "sample");
const sampleFiles = fs.readdirSync(sampleDir).filter((f) => f.endsWith(".csv")).sort();
const kindOfFile = new Map(Object.entries(kinds).map(([kind, s]) => [s.fileName, kind]));

async function run(argv: string[], cwd = root) {
  const io = memoryIo({ cwd, env: {} });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "utfall-cli-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

it("covers every sample file and every kind", () => {
  expect(sampleFiles.length).toBe(Object.keys(kinds).length);
  for (const f of sampleFiles) expect(kindOfFile.has(f), f).toBe(true);
});

describe.each(sampleFiles)("%s", (file) => {
  const rel = path.join("data", "sample", file);
  const kind = kindOfFile.get(file)!;

  it("inspect --json describes it and guesses its kind", async () => {
    const r = await run(["inspect", rel, "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const bytes = fs.readFileSync(path.join(sampleDir, file));
    expect(j.bytes).toBe(bytes.length);
    expect(j.file).toBe(rel);
    expect(j.kindGuess.kind).toBe(kind);
    expect(j.header.length).toBe(j.columns.length);
    expect(j.dataRows).toBeGreaterThan(0);
    expect(j.fieldCountMismatches).toBe(0);
    for (const c of j.columns) {
      if (c.inferredType === "pnr") expect(c.personal).toBe(true);
      if (c.personal) expect(c.examples).toEqual([]);
    }
  });

  it("inspect (human) prints a table of its columns", async () => {
    const r = await run(["inspect", rel]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Trolig typ (likely kind):   ${kind}`);
    const j = JSON.parse((await run(["inspect", rel, "--json"])).out);
    for (const h of j.header) expect(r.out).toContain(h);
  });

  it("validate --json loads it clean", async () => {
    const r = await run(["validate", rel, "--kind", kind, "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.status).toBe("ok");
    expect(j.exitCode).toBe(0);
    expect(j.failure).toBeNull();
    expect(j.report.kind).toBe(kind);
    expect(j.report.rowsRead).toBeGreaterThan(0);
    expect(j.report.rowsRead).toBe(j.report.rowsAccepted + j.report.rowsQuarantined);
    expect(j.report.rowsQuarantined).toBe(0);
    expect(j.report.errors).toEqual([]);
    // The physical lines of the file: data rows + header + skipped lines.
    const text = iconv.decode(fs.readFileSync(path.join(sampleDir, file)), j.report.encoding === "windows-1252" ? "win1252" : "utf8");
    const physical = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
    expect(j.report.physicalLines).toBe(physical);
    expect(j.report.rowsRead + 1 + j.report.skippedLines.length).toBe(physical);
  });
});

/** A fictional identity number with a valid check digit (Luhn over YYMMDDNNN). */
function pnr(yyyymmdd: string, serial3: string, short = false): string {
  const nine = yyyymmdd.slice(2) + serial3;
  let sum = 0;
  for (let k = 0; k < 9; k++) {
    let v = Number(nine[k]) * (k % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  const last4 = serial3 + ((10 - (sum % 10)) % 10);
  return `${short ? yyyymmdd.slice(2) : yyyymmdd}-${last4}`;
}
/** The same number with its check digit changed: a wrong check digit. */
const wrongCheck = (p: string) => p.slice(0, -1) + ((Number(p.slice(-1)) + 1) % 10);

describe("validate on a broken export", () => {
  const pnrs = [pnr("19850412", "123"), pnr("19900101", "001"), pnr("19850412", "123", true), wrongCheck(pnr("19720229", "444"))];
  let broken: string;
  beforeAll(() => {
    // Line 1 header; line 3 a bad date; line 4 an identity number with a wrong check digit;
    // line 5 a missing required programme. Windows-1252 like the real export.
    const lines = [
      "Personnummer;Kön;Insats;Startdatum;Slutdatum",
      `${pnrs[0]};K;JOBBSP;2023-01-16;2023-06-30`,
      `${pnrs[1]};M;IPS;2023-13-01;`,
      `${pnrs[3]};K;IPS;2023-02-01;`,
      `${pnrs[2]};K;;2023-03-01;`,
      `${pnrs[0]};K;Språkpraktik;2023-04-03;`,
    ];
    broken = path.join(tmp, "trasig.csv");
    fs.writeFileSync(broken, iconv.encode(lines.join("\r\n") + "\r\n", "win1252"));
  });

  it("--json: exit 1, the quarantined lines, errors by kind, no identity number", async () => {
    const r = await run(["validate", broken, "--kind", "participants", "--json"]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.status).toBe("quarantined");
    expect(j.exitCode).toBe(1);
    expect(j.report.rowsRead).toBe(5);
    expect(j.report.rowsAccepted).toBe(2);
    expect(j.report.rowsQuarantined).toBe(3);
    expect(j.report.quarantinedLines).toEqual([3, 4, 5]);
    expect(j.report.errors.map((e: { line: number; kind: string }) => [e.line, e.kind])).toEqual([[3, "date"], [4, "pnr"], [5, "required"]]);
    expect(j.report.errorsByKind).toEqual({ date: 1, pnr: 1, required: 1 });
    expect(j.report.errors[0].value).toBe("2023-13-01"); // non-personal values are shown
    expect(j.report.errors[1].value).toBeUndefined();
    for (const p of pnrs) {
      expect(r.out).not.toContain(p);
      expect(r.out).not.toContain(p.replace("-", ""));
    }
    expect(r.out).not.toContain(pnrs[3].slice(-4));
  });

  it("human output: line numbers, the verdict, no identity number", async () => {
    const r = await run(["validate", broken, "--kind", "participants"]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/I karantän \(quarantined\):\s+3 – rad 3, 4, 5/);
    expect(r.out).toContain(`${broken}:3:`);
    expect(r.out).toContain(`${broken}:4:`);
    expect(r.out).toMatch(/Fel per slag \(errors by kind\): date 1, pnr 1, required 1/);
    expect(r.out).toContain("FEL – 3 rader i karantän");
    for (const p of pnrs) expect(r.out + r.err).not.toContain(p);
  });

  it("--strict: the load fails, exit 1, the report is still printed", async () => {
    const r = await run(["validate", broken, "--kind", "participants", "--strict", "--json"]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.status).toBe("failed");
    expect(j.report.mode).toBe("strict");
    expect(j.failure).toMatch(/\b3\b.*\b5 rows/);
    expect(j.report.rowsAccepted + j.report.rowsQuarantined).toBe(j.report.rowsRead);
    for (const p of pnrs) expect(r.out).not.toContain(p);
  });

  it("redacts an identity number typed into a non-personal column", async () => {
    const f = path.join(tmp, "fel-kolumn.csv");
    const other = pnr("19900101", "001");
    fs.writeFileSync(f, `Personnummer;Insats;Startdatum\n${pnr("19850412", "123")};JOBBSP;${other}\n`);
    const r = await run(["validate", f, "--kind", "participants", "--json"]);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain(other);
    expect(r.out).toContain("[personnummer dolt]");
    const h = await run(["validate", f, "--kind", "participants"]);
    expect(h.out).not.toContain(other);
  });

  it("a mapping file maps other header names", async () => {
    const f = path.join(tmp, "egna-namn.csv");
    fs.writeFileSync(f, `ID;Program;Började\n${pnr("19850412", "123")};JOBBSP;2023-01-16\n`);
    const unmapped = await run(["validate", f, "--kind", "participants", "--json"]);
    expect(unmapped.code).toBe(1);
    expect(JSON.parse(unmapped.out).status).toBe("failed");
    const m = path.join(tmp, "mapping.json");
    fs.writeFileSync(m, JSON.stringify({ person: "ID", programme: "Program", start: "Började" }));
    const mapped = await run(["validate", f, "--kind", "participants", "--mapping", m, "--json"]);
    expect(mapped.code).toBe(0);
    expect(JSON.parse(mapped.out).report.rowsAccepted).toBe(1);
  });

  it("inspect never shows identity numbers, even in a column it cannot type", async () => {
    const f = path.join(tmp, "blandat.csv");
    const secret = [pnr("19850412", "123"), pnr("19900101", "001"), pnr("19850412", "123", true).replace("-", "")];
    fs.writeFileSync(f, `Personnummer;Anteckning\n${secret[0]};ring ${secret[1]}\n${secret[2]};ok\nokänt;ok\n`);
    const r = await run(["inspect", f, "--json"]);
    expect(r.code).toBe(0);
    for (const p of secret) expect(r.out).not.toContain(p);
    const j = JSON.parse(r.out);
    expect(j.columns[0].personal).toBe(true);
    expect(j.columns[0].examples).toEqual([]);
  });
});

describe("usage errors exit 2", () => {
  it.each([
    [["validate", "data/sample/deltagare.csv", "--kind", "nope"], /okänd exporttyp nope/],
    [["validate", "--kind", "participants"], /missing file argument/],
    [["validate", "data/sample/deltagare.csv", "--bogus"], /okänd flagga --bogus/],
    [["validate", "data/sample/deltagare.csv", "--kind"], /--kind behöver ett värde/],
    [["validate", "data/sample/finns-inte.csv", "--kind", "participants"], /filen finns inte/],
    [["validate", "data/sample/deltagare.csv", "--mapping", "data/sample/finns-inte.json"], /mapping file/],
    [["validate", "trasig.txt"], /ange --kind/],
    [["inspect"], /missing file argument/],
    [["inspect", "a.csv", "b.csv"], /en fil åt gången/],
    [["inspect", "data/sample/deltagare.csv", "--kind", "x"], /okänd flagga --kind/],
    [["list", "extra"], /oväntat argument/],
    [["frobnicate"], /okänt kommando frobnicate/],
    [["--verbose"], /okänd flagga --verbose/],
    [[], /Användning/],
  ])("%j", async (argv, message) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(message as RegExp);
  });
});

describe("help and list", () => {
  it("--help, help <cmd> and <cmd> --help", async () => {
    const top = await run(["--help"]);
    expect(top.code).toBe(0);
    for (const c of ["build", "list", "inspect", "validate"]) expect(top.out).toContain(`  ${c}`);
    for (const c of ["list", "inspect", "validate"]) {
      const a = await run([c, "--help"]);
      const b = await run(["help", c]);
      expect(a.code).toBe(0);
      expect(a.out).toContain(`utfall ${c}`);
      expect(b.out).toBe(a.out);
    }
    expect((await run(["validate", "-h"])).out).toContain("--mapping");
    const build = await run(["build", "--help"]);
    expect(build.code).toBe(0);
    expect(build.out).toContain("utfall build");
  });

  it("list --json: every kind of the registry and the report scripts in reports/", async () => {
    const dir = path.join(tmp, "proj");
    fs.mkdirSync(path.join(dir, "reports"), { recursive: true });
    for (const f of ["delar-1.ts", "_hjalp.ts", "x.test.ts", "typer.d.ts", "arsrapport.ts", "notes.md"]) fs.writeFileSync(path.join(dir, "reports", f), "");
    const r = await run(["list", "--json"], dir);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.kinds.map((k: { kind: string }) => k.kind)).toEqual(Object.keys(kinds));
    const participants = j.kinds.find((k: { kind: string }) => k.kind === "participants");
    expect(participants.fileName).toBe("deltagare.csv");
    expect(participants.columns.find((c: { field: string }) => c.field === "person")).toEqual({ field: "person", header: "Personnummer", type: "pnr", required: true, personal: true });
    expect(j.reports).toEqual([{ name: "arsrapport", path: path.join("reports", "arsrapport.ts") }, { name: "delar-1", path: path.join("reports", "delar-1.ts") }]);
    const h = await run(["list"], dir);
    expect(h.out).toMatch(/participants\s+deltagare\.csv/);
    expect(h.out).toContain("arsrapport");
  });
});

it("bin/utfall.js --help runs the real CLI", async () => {
  const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [path.join(root, "bin", "utfall.js"), "--help"], { cwd: root, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("Användning (usage): utfall <kommando>");
});
