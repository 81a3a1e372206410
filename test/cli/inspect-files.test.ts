/**
 * `utfall inspect <file>` reads a CSV export in windows straight from the file (issue 11 §1), so
 * it has no size limit any more (it refused files over 480 MiB when it read them as one string).
 * Run in process; a large file is checked by hand, never here.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inspectFileOutput, inspectOutput } from "../../src/cli/inspect.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { encode } from "../../src/read/encoding.ts";
import { makePnr } from "../read/helpers.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "utfall-inspect-files-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[]) {
  const io = memoryIo({ cwd: tmp, env: {} });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const PNR = makePnr("19811218", "987");
const LINES = [
  "Deltagare – uttag 2024-04-30;;;",
  "Personnummer;Kön;Insats;Anteckning",
  `${PNR};K;IPS;"ring ${makePnr("19920704", "246")}"`,
  `${makePnr("19920704", "246")};M;Jobbspår – “steg 2”;"två\r\nrader"`,
  `${makePnr("20010101", "117")};kvinna;Praktik €;ok`,
  "Källa: Procapita;;;",
];

describe("inspect of a file", () => {
  it("reads the file in windows and prints what reading its bytes gives (JSON and text)", async () => {
    const bytes = encode(LINES.join("\r\n") + "\r\n", "windows-1252");
    fs.writeFileSync(path.join(tmp, "deltagare.csv"), bytes);
    const fromFile = inspectFileOutput(path.join(tmp, "deltagare.csv"), "deltagare.csv");
    expect(fromFile).toStrictEqual(inspectOutput(bytes, "deltagare.csv"));
    expect(fromFile).toMatchObject({
      bytes: bytes.length, encoding: "windows-1252", delimiter: ";", lineBreak: "\r\n", headerLine: 2,
      skippedLines: [{ line: 1, kind: "title" }, { line: 7, kind: "footer" }], physicalLines: 7, dataRows: 3,
      kindGuess: { kind: null },
    });
    expect(fromFile.columns.map((c) => [c.header, c.inferredType, c.personal, c.examples])).toEqual([
      ["Personnummer", "pnr", true, []],
      ["Kön", "gender", false, ["K", "M", "kvinna"]],
      ["Insats", "string", false, ["IPS", "Jobbspår – “steg 2”", "Praktik €"]],
      ["Anteckning", "string", false, ["två\r\nrader", "ok"]],
    ]);
    const j = await run(["inspect", "deltagare.csv", "--json"]);
    expect(j.code).toBe(0);
    expect(j.err).toBe("");
    expect(JSON.parse(j.out)).toStrictEqual(JSON.parse(JSON.stringify(fromFile)));
    const h = await run(["inspect", "deltagare.csv"]);
    expect(h.code).toBe(0);
    expect(h.out).toContain("Rader (lines):              7 fysiska, 3 datarader (data rows)");
    expect(h.out).toContain("Överhoppat (skipped):       rad 1 (titel), rad 7 (sidfot)");
    expect(h.out + j.out).not.toContain(PNR);
    expect(h.out + j.out).not.toContain(makePnr("19920704", "246"));
  });

  it("a decode problem is an error naming the line and byte, exit 1", async () => {
    const body = Buffer.from("\ufeffA;B\n1;2\n3;", "utf8");
    fs.writeFileSync(path.join(tmp, "bom.csv"), Buffer.concat([body, Buffer.from([0xf6, 0x0a])]));
    const r = await run(["inspect", "bom.csv"]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toContain(`utfall inspect: kunde inte läsa bom.csv (could not read the file): ogiltig UTF-8 på rad 3, byte ${body.length}`);
  });

  it("a missing file is still a usage error with its own message", async () => {
    const r = await run(["inspect", "finns-inte.csv"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("filen finns inte: finns-inte.csv (no such file)");
  });
});

describe("the file name in inspect's output and messages", () => {
  it("never shows an identity number in it (the output and the Io are redacted)", async () => {
    const name = "deltagare-19811218-9876.csv";
    fs.writeFileSync(path.join(tmp, name), "Kön;Insats\nK;IPS\n");
    const ok = await run(["inspect", name, "--json"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).file).toBe("deltagare-[personnummer dolt].csv");
    const human = await run(["inspect", name]);
    expect(human.out).toContain("Fil (file):                 deltagare-[personnummer dolt].csv");
    // A NUL byte: the error message names the file.
    fs.writeFileSync(path.join(tmp, name), "Kön;Insats\nK;I\0PS\n");
    const bad = await run(["inspect", name, "--json"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("NUL-tecken på rad 2");
    expect(JSON.parse(bad.out).error).toContain("kunde inte läsa deltagare-[personnummer dolt].csv");
    for (const r of [ok, human, bad]) expect(r.err + r.out).not.toContain("19811218-9876");
  });
});
