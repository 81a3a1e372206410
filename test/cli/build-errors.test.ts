// What `utfall build` tells a user when a report cannot be built: a period outside the data
// (exit 1, naming the inputs and their ranges), a missing export (its file name and kind), a
// header-only export, and unexpected errors wrapped with the report, the step and a hint — never
// a bare JavaScript error or a stack trace. Public builds go to <out>/publik/<report>/.
import { existsSync } from "node:fs";
import { cp, lstat, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import type { Io } from "../../src/cli/io.ts";
import { GOLDEN, ROOT, TEST_ENV } from "../report/helpers.ts";

const api = JSON.stringify(path.join(ROOT, "src/report/index.ts"));

const script = (body: string) => `import { report } from ${api};
export default report({ title: "Test", period: "2023-04" }, async (r) => {
${body}
});
`;

function memory(cwd: string): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), env: { ...TEST_ENV, SOURCE_DATE_EPOCH: "1682985600" }, cwd };
}

/** No line of a stack trace, no bare Node error code as the whole message. */
function expectNoRawError(text: string): void {
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toMatch(/Fel: \S+ byggdes inte: (ENOENT|EISDIR|TypeError|Error)\b/);
}

describe("utfall build --period 2025-06 on data/sample", () => {
  let out: string;
  beforeEach(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), "utfall-period-"));
  });
  afterEach(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it("exits 1 naming the inputs and their ranges, and writes nothing", async () => {
    const io = memory(ROOT);
    const code = await runBuild(["--period", "2025-06", "--data", "data/sample", "--out", path.join(out, "ut")], io);
    expect(code).toBe(1);
    const err = io.err.join("");
    const outside = "perioden 2025-06 (2025-01 – 2025-06) ligger utanför (period outside the input's range)";
    expect(err).toContain(`Fel: delarsrapport byggdes inte: huvudbok.csv täcker 2023-01 – 2023-12; ${outside}`);
    expect(err).toContain(`Fel: ekonomiskt-bistand byggdes inte: ekonomiskt-bistand.csv täcker 2023-01 – 2023-12; ${outside}`);
    expect(err).toContain(`Fel: insatser byggdes inte: deltagare.csv täcker 2019-01-04 – 2024-04-30; ${outside}`);
    expect(err).toContain(`Fel: mal-150-jobb byggdes inte: deltagare.csv täcker 2019-01-04 – 2024-04-30; ${outside}`);
    expect(err).toContain("6 av 6 rapporter misslyckades"); // every report in reports/
    expectNoRawError(err);
    expect(existsSync(path.join(out, "ut"))).toBe(false);
  });
});

describe("utfall build: failures in words", () => {
  let cwd: string;
  let io: ReturnType<typeof memory>;
  beforeEach(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), "utfall-build-errors-"));
    await mkdir(path.join(cwd, "reports"));
    await mkdir(path.join(cwd, "data/sample"), { recursive: true });
    await cp(path.join(GOLDEN, "basic/input/deltagare.csv"), path.join(cwd, "data/sample/deltagare.csv"));
    io = memory(cwd);
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it("a missing export: its expected file name and kind, not ENOENT", async () => {
    await writeFile(path.join(cwd, "reports/ekonomi.ts"), script("  await r.load.ledger();"));
    expect(await runBuild(["ekonomi"], io)).toBe(1);
    const err = io.err.join("");
    expect(err).toContain(
      "Fel: ekonomi byggdes inte: huvudbok.csv saknas i datamappen (file not found): rapporten läser exporten Huvudbok (budget och utfall per månad) (ledger) från en fil med det namnet.",
    );
    expect(err).not.toContain("ENOENT");
    expect(err).not.toContain(cwd);
    expectNoRawError(err);
  });

  it("a header-only participants export: a Swedish message, not 'Cannot read properties of undefined'", async () => {
    await writeFile(path.join(cwd, "data/sample/deltagare.csv"), "\ufeffPersonnummer;Kön;Insats;Startdatum;Slutdatum;Avslutsorsak\r\n");
    await writeFile(path.join(cwd, "reports/deltagare.ts"), script("  const p = await r.load.participants();\n  r.text(String(p.table.numRows()));"));
    expect(await runBuild(["deltagare"], io)).toBe(1);
    const err = io.err.join("");
    expect(err).toContain("Fel: deltagare byggdes inte: deltagare.csv innehåller inga datarader, bara rubrikraden (the export has no data rows)");
    expect(err).not.toContain("Cannot read properties");
    expectNoRawError(err);
  });

  it("an unexpected error in the report body: wrapped with the report, the step, the script line and a hint", async () => {
    await writeFile(
      path.join(cwd, "reports/trasig.ts"),
      script("  const p = await r.load.participants(undefined, { mode: \"lenient\" });\n  const rows = p.table.objects() as Record<string, { participants: number }>[];\n  r.text(String(rows[99].participants));"),
    );
    expect(await runBuild(["trasig"], io)).toBe(1);
    const lines = io.err.join("").split("\n");
    expect(lines[0]).toBe(
      "Fel: trasig byggdes inte: oväntat fel när rapporten beräknades och ritades (while computing and drawing the report): TypeError: Cannot read properties of undefined (reading 'participants') [reports/trasig.ts:5]",
    );
    expect(lines[1]).toMatch(/^ {2}Tips \(hint\): kontrollera att datamappen data\/sample har uppgifter för rapportens period .* och rapportskriptet reports\/trasig\.ts;/);
    expectNoRawError(io.err.join(""));
  });

  it("a script that fails to load, or exports no report: the step 'script'", async () => {
    await writeFile(path.join(cwd, "reports/importfel.ts"), `throw new RangeError("fel vid import");\nexport default 1;\n`);
    await writeFile(path.join(cwd, "reports/utanrapport.ts"), `export const x = 1;\n`);
    expect(await runBuild(["importfel", "utanrapport"], io)).toBe(1);
    const err = io.err.join("");
    expect(err).toContain("Fel: importfel byggdes inte: oväntat fel när rapportskriptet lästes in (while loading the report script): RangeError: fel vid import [reports/importfel.ts:1]");
    expect(err).toContain("  Tips (hint): kontrollera att reports/importfel.ts går att importera");
    expect(err).toContain("Fel: utanrapport byggdes inte: reports/utanrapport.ts ska ha `export default report({...}, async (r) => {...})` (the script must default-export a report)");
    expectNoRawError(err);
  });

  it("an output folder that cannot be written: the step 'write', paths relative to the working directory", async () => {
    await writeFile(path.join(cwd, "reports/liten.ts"), script('  await r.load.participants(undefined, { mode: "lenient" });\n  r.text("Klart.");'));
    await writeFile(path.join(cwd, "ut"), "en fil, ingen mapp");
    expect(await runBuild(["liten", "--out", "ut"], io)).toBe(1);
    const err = io.err.join("");
    expect(err).toMatch(/^Fel: liten byggdes inte: oväntat fel när rapporten skrevs till utdatamappen \(while writing the report folder\): Error: (EEXIST|ENOTDIR): /);
    expect(err).toContain("Tips (hint): kontrollera att utdatamappen ut går att skriva i");
    expect(err).not.toContain(cwd);
    // A file where the report folder should be is named, not overwritten.
    await rm(path.join(cwd, "ut"));
    await mkdir(path.join(cwd, "ut"));
    await writeFile(path.join(cwd, "ut/liten"), "x");
    io.err.length = 0;
    expect(await runBuild(["liten", "--out", "ut"], io)).toBe(1);
    expect(io.err.join("")).toContain("Fel: liten byggdes inte: liten i utdatamappen är en fil, inte en rapportmapp (is a file, not a report folder)");
    expect(await readFile(path.join(cwd, "ut/liten"), "utf8")).toBe("x");
  });

  it("--public writes to <out>/publik/<report>/ and leaves the internal report alone", async () => {
    await writeFile(path.join(cwd, "reports/liten.ts"), script('  await r.load.participants(undefined, { mode: "lenient" });\n  r.text(r.public ? "Publik." : "Intern.");'));
    expect(await runBuild(["liten"], io)).toBe(0);
    expect(await runBuild(["liten", "--public"], io)).toBe(0);
    expect(io.out.join("")).toContain("Klar: liten → out/publik/liten/");
    expect(await readFile(path.join(cwd, "out/liten/index.html"), "utf8")).toContain("Intern.");
    expect(await readFile(path.join(cwd, "out/publik/liten/index.html"), "utf8")).toContain("Publik.");
    expect(JSON.parse(await readFile(path.join(cwd, "out/publik/liten/figures.json"), "utf8")).parameters.public).toBe(true);
    expect((await lstat(path.join(cwd, "out/liten"))).isSymbolicLink()).toBe(true);
  });

  it("refuses a report named like the public folder", async () => {
    await writeFile(path.join(cwd, "reports/publik.ts"), script('  r.text("x");'));
    expect(await runBuild(["publik"], io)).toBe(2);
    expect(io.err.join("")).toContain("rapportnamnet publik är reserverat");
  });
});
