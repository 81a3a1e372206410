// The output scan on a real build: a report whose body writes an identity number itself (in a
// sentence and in a table's text column) renders it into HTML, CSV, figures.json and the workbook.
// `assertNoIdentityNumbers` over the built files must refuse it, naming each file and position.
// (Once src/report/build.ts calls it at the end of buildReport, the build itself throws the same error.)
import { describe, expect, it } from "vitest";
import { assertNoIdentityNumbers, IdentityNumberInOutputError } from "../../src/guard/scan-outputs.ts";
import { containsIdentityNumberShape } from "../../src/guard/identity-numbers.ts";
import { buildReport } from "../../src/report/build.ts";
import { report } from "../../src/report/index.ts";
import { silentEffects } from "../report/helpers.ts";
import { valid12 } from "./fixture.ts";

const d12 = valid12("19850412", "123");
const inText = `${d12.slice(2, 8)}\u2010${d12.slice(8)}`;
const inTable = `${d12.slice(0, 8)} ${d12.slice(8)}`;

const leaky = report({ title: "Läcker", period: "2023-04" }, async (r) => {
  r.heading("Avslut");
  r.text`Handläggaren skrev ${`ring ${inText}`} i fritext.`;
  r.table({
    name: "avslut",
    caption: "Avslut per orsak",
    columns: [
      { key: "detail", label: "Detalj", format: "text" },
      { key: "n", label: "Antal", format: "integer", persons: false },
    ],
    rows: [{ detail: "flytt", n: 12 }, { detail: `flytt, ${inTable}`, n: 7 }],
  });
});

const clean = report({ title: "Ren", period: "2023-04" }, async (r) => {
  r.heading("Avslut");
  r.text`Inga personnummer här, bara ${"2023-04-30"} och ${"1 694 000 kr"}.`;
  r.table({ name: "avslut", caption: "Avslut", columns: [{ key: "detail", label: "Detalj", format: "text" }, { key: "n", label: "Belopp", format: "kr" }], rows: [{ detail: "flytt", n: 198504121234 }] });
});

const OPTS = { name: "lacker", dataDir: "data/sample", buildTime: "2023-05-02T06:00:00.000Z", libraryVersion: "0.0.0-test" };

async function buildAndScan(def: typeof leaky): Promise<Map<string, Uint8Array>> {
  const built = await buildReport(def, OPTS, silentEffects());
  assertNoIdentityNumbers(built.files);
  return built.files;
}

describe("output scan of a built report", () => {
  it("refuses a report whose body writes an identity number, naming every output and position", async () => {
    let err: unknown;
    try {
      await buildAndScan(leaky);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IdentityNumberInOutputError);
    const findings = (err as IdentityNumberInOutputError).findings;
    const files = new Set(findings.map((f) => f.file));
    for (const f of ["index.html", "tables/avslut.csv", "figures.json", "tabeller.xlsx"]) expect(files.has(f), f).toBe(true);
    expect(findings.filter((f) => f.file === "index.html")).toHaveLength(2); // the sentence and the table cell
    for (const f of findings) expect(f.location.kind === "text" || f.location.kind === "cell").toBe(true);
    const message = (err as Error).message;
    expect(message).toMatch(/index\.html:\d+:\d+/);
    expect(message).toMatch(/tables\/avslut\.csv:3:\d+/);
    expect(containsIdentityNumberShape(message)).toBe(false);
    expect(message.replace(/[^0-9]/g, "").includes(d12.slice(2))).toBe(false);
  }, 60_000);

  it("passes a clean report, with an amount whose digits look like an identity number written as a number", async () => {
    const files = await buildAndScan(clean);
    expect(files.has("index.html")).toBe(true);
  }, 60_000);
});
