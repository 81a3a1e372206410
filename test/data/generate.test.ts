/**
 * The sample generator: byte-identical output for the committed seed, every file exactly as the
 * table "The sample files" in data/README.md says (encoding, delimiter, line break, title and
 * footer lines), a clean strict load, and the figures the seed documents call for.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSample, SAMPLE_FILES } from "../../data/generate.ts";
import { loadFile, type Loaded } from "../../src/schema/load.ts";
import { kinds, type KindName } from "../../src/sources/index.ts";
import { decode } from "../../src/read/encoding.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const sampleDir = path.join(root, "data", "sample");
const key = new Uint8Array(32).fill(3);
const sha = (p: string) => createHash("sha256").update(fs.readFileSync(p)).digest("hex");

/** Rows of the README's table "The sample files": file, kind, dialect text. */
function readmeTable(): { file: string; kind: string; dialect: string }[] {
  const text = fs.readFileSync(path.join(root, "data", "README.md"), "utf8");
  const section = text.slice(text.indexOf("## The sample files"));
  const rows: { file: string; kind: string; dialect: string }[] = [];
  for (const line of section.split("\n")) {
    const m = /^\|\s*`([^`]+)`\s*\|\s*(\w+)\s*\|\s*(.+?)\s*\|\s*$/.exec(line);
    if (m) rows.push({ file: m[1], kind: m[2], dialect: m[3] });
  }
  return rows;
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "utfall-gen-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("generateSample", () => {
  it("writes exactly the files of the README table, byte-identical to the committed sample", async () => {
    const table = readmeTable();
    expect(table.length).toBe(10);
    expect(SAMPLE_FILES.map((f) => [f.file, f.kind])).toEqual(table.map((r) => [r.file, r.kind]));
    const out = path.join(tmp, "again");
    const written = await generateSample(out);
    expect(written.map((w) => w.file).sort()).toEqual(table.map((r) => r.file).sort());
    for (const w of written) {
      expect(sha(w.path), w.file).toBe(sha(path.join(sampleDir, w.file)));
      expect(w.bytes).toBe(fs.statSync(path.join(sampleDir, w.file)).size);
    }
    // Nothing else in the sample folder, and the committed data stays small.
    expect(fs.readdirSync(sampleDir).filter((f) => !f.startsWith(".")).sort()).toEqual(table.map((r) => r.file).sort());
    expect(fs.readFileSync(path.join(sampleDir, ".gitattributes"), "utf8")).toMatch(/^\* -text$/m);
    const total = written.reduce((a, w) => a + w.bytes, 0);
    expect(total).toBeLessThan(5 * 1024 * 1024);
  });

  it("depends on the seed, and scale changes the number of person rows", async () => {
    const a = await generateSample(path.join(tmp, "s2"), { seed: 2, only: ["deltagare.csv"] });
    expect(a.map((f) => f.file)).toEqual(["deltagare.csv"]);
    expect(sha(a[0].path)).not.toBe(sha(path.join(sampleDir, "deltagare.csv")));
    const small = await generateSample(path.join(tmp, "small"), { scale: 0.25, only: ["deltagare.csv", "kolada.csv"] });
    const full = fs.readFileSync(path.join(sampleDir, "deltagare.csv"));
    const fullRows = decode(full).text.split("\r\n").length;
    const smallRows = decode(fs.readFileSync(small[0].path)).text.split("\r\n").length;
    expect(smallRows / fullRows).toBeGreaterThan(0.18);
    expect(smallRows / fullRows).toBeLessThan(0.33);
    // kolada.csv alone still gets the own municipality's assistance share (computed from recipients).
    expect(fs.readdirSync(path.join(tmp, "small")).sort()).toEqual(["deltagare.csv", "kolada.csv"]);
    expect(fs.readFileSync(small[1].path, "utf8")).toMatch(/^N31824,9999,Exempelby,2023,T,[1-9]/m);
  });

  it("rejects a bad scale and an unknown file name", async () => {
    await expect(generateSample(path.join(tmp, "bad"), { scale: 0 })).rejects.toThrow(/scale/);
    await expect(generateSample(path.join(tmp, "bad"), { only: ["nope.csv"] })).rejects.toThrow(/nope\.csv/);
  });
});

describe("the committed sample", () => {
  const loaded = new Map<string, Loaded<(typeof kinds)[KindName]>>();
  beforeAll(async () => {
    for (const f of SAMPLE_FILES) {
      loaded.set(f.kind, await loadFile(kinds[f.kind as KindName], path.join(sampleDir, f.file), { pseudonymKey: key, referenceYear: 2024 }));
    }
  });

  it.each(readmeTable())("$file loads clean in strict mode with the dialect the README lists ($dialect)", ({ file, kind, dialect }) => {
    const r = loaded.get(kind)!.report;
    expect(r.ok).toBe(true);
    expect(r.rowsRead).toBeGreaterThan(0);
    expect(r.rowsAccepted).toBe(r.rowsRead);
    expect(r.rowsQuarantined).toBe(0);
    expect(r.unknownColumns).toEqual([]);
    // Only the columns that exist in Kolada's API v3 saves alone may be absent from the CSV sample.
    expect(r.absentColumns.filter((c) => !(kind === "kolada" && ["groupSize", "unweightedAverage", "koladaStatus", "count", "unweighted_average", "kolada_status"].includes(c)))).toEqual([]);
    const enc = dialect.startsWith("Windows-1252") ? "windows-1252" : dialect.includes("with BOM") ? "utf-8-bom" : "utf-8";
    expect(r.encoding).toBe(enc);
    expect(r.delimiter).toBe(dialect.includes("`,`") ? "," : ";");
    expect(r.lineBreak).toBe(dialect.includes("CRLF") ? "\r\n" : "\n");
    const kindsSkipped = r.skippedLines.map((s) => s.kind);
    expect(kindsSkipped.includes("title")).toBe(/title line/.test(dialect));
    expect(kindsSkipped.includes("footer")).toBe(/footer line/.test(dialect));
    // The raw bytes agree with the decoder's verdict.
    const bytes = fs.readFileSync(path.join(sampleDir, file));
    expect(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf).toBe(enc === "utf-8-bom");
    if (enc === "windows-1252") expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
  });

  it("has the quirks a loader must handle", () => {
    const ledger = fs.readFileSync(path.join(sampleDir, "huvudbok.csv"), "utf8");
    expect(ledger).toContain("\u00a0"); // thousands with no-break space
    expect(ledger).toMatch(/;;\u2212[\d\u00a0]+,\d\d$/m); // correction: empty budget, U+2212 minus
    const kolada = fs.readFileSync(path.join(sampleDir, "kolada.csv"), "utf8");
    expect(kolada).toMatch(/,\.\.$/m);
    expect(kolada).toMatch(/,-$/m);
    const status = loaded.get("kolada")!.columns as unknown as { status: string[]; municipalityId: string[] };
    expect(new Set(status.status)).toEqual(new Set(["ok", "suppressed", "missing"]));
    expect(status.municipalityId).toContain("0990"); // leading zero kept as text
    const deltagare = decode(fs.readFileSync(path.join(sampleDir, "deltagare.csv"))).text;
    expect(deltagare).toContain("Jobbcenter – Verkstan"); // 0x96 en dash in Windows-1252
    expect(deltagare).toMatch(/^\d{6}-\d{4};/m); // short identity numbers
    expect(deltagare).toMatch(/^\d{8}-\d{4};/m);
    expect(deltagare).toMatch(/^\d{12};/m);
  });

  it("identity numbers agree with the Kön column and the birth year", () => {
    const text = decode(fs.readFileSync(path.join(sampleDir, "deltagare.csv"))).text;
    const lines = text.split("\r\n").slice(2).filter((l) => /^\d/.test(l));
    expect(lines.length).toBe(loaded.get("participants")!.report.rowsRead);
    let checked = 0;
    for (const line of lines) {
      const [pnr, kon, year] = line.split(";");
      const digits = pnr.replace("-", "");
      const ten = digits.slice(-10);
      // Luhn over all ten digits gives 0 mod 10.
      let sum = 0;
      for (let k = 0; k < 10; k++) {
        let v = Number(ten[k]) * (k % 2 === 0 ? 2 : 1);
        if (v > 9) v -= 9;
        sum += v;
      }
      expect(sum % 10).toBe(0);
      if (digits.length === 12) expect(digits.slice(0, 4)).toBe(year);
      else expect(year.slice(2)).toBe(digits.slice(0, 2));
      if (kon === "K" || kon === "M") {
        expect(Number(ten[8]) % 2 === 1 ? "M" : "K").toBe(kon);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(lines.length * 0.98);
  });

  it("makes the seed documents' figures plausible", () => {
    const p = loaded.get("participants")!.columns as unknown as {
      person: string[]; gender: (string | null)[]; birthYear: Float64Array; programme: string[]; endReason: (string | null)[];
      endDetail: (string | null)[]; employmentForm: (string | null)[];
    };
    const persons = new Set(p.person).size;
    expect(persons).toBeGreaterThan(2500);
    expect(persons).toBeLessThan(3500);
    expect(p.person.length).toBeGreaterThan(persons); // some persons with several enrolments
    const g = (v: string | null) => p.gender.filter((x) => x === v).length;
    expect(g("K") / p.gender.length).toBeGreaterThan(0.4);
    expect(g("M") / p.gender.length).toBeGreaterThan(0.4);
    expect(g(null) + g("annat")).toBeGreaterThan(0);
    const ages = Array.from(p.birthYear, (y) => 2023 - y);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(15);
    expect(ages.filter((a) => a >= 60).length).toBeGreaterThan(50);
    expect(new Set(p.programme).size).toBe(10);
    expect(new Set(p.endReason.filter((x) => x !== null))).toEqual(new Set(["A", "B", "C", "D", "E"]));
    for (const d of ["pension", "flytt", "sjukdom"]) expect(p.endDetail).toContain(d);
    for (const f of ["visstid", "resursjobb", "praktik"]) expect(p.employmentForm).toContain(f);

    const prog = loaded.get("programmes")!.columns as unknown as { code: string[]; places: Float64Array; annualCost: Float64Array };
    const air = prog.code.indexOf("AIR");
    expect(prog.places[air]).toBe(60);
    expect(prog.annualCost[air]).toBe(169_400_000); // öre

    // Jan–Apr 2023: deviation (budget − outcome of net cost) of the order of +10 mnkr.
    const l = loaded.get("ledger")!.columns as unknown as { period: string[]; account: string[]; budget: Float64Array; outcome: Float64Array };
    let dev = 0;
    const byAccount = new Map<string, number>();
    for (let i = 0; i < l.period.length; i++) {
      byAccount.set(l.account[i], (byAccount.get(l.account[i]) ?? 0) + l.outcome[i]);
      if (l.period[i] > "2023-04") continue;
      const sign = l.account[i].startsWith("3") ? -1 : 1;
      const b = Number.isNaN(l.budget[i]) ? 0 : l.budget[i];
      dev += sign * (b - l.outcome[i]);
    }
    expect(dev / 1e8).toBeGreaterThan(8);
    expect(dev / 1e8).toBeLessThan(13);
    // Financial assistance (4610) is the largest cost account by far.
    const sorted = [...byAccount].filter(([a]) => !a.startsWith("3")).sort((a, b) => b[1] - a[1]);
    expect(sorted[0][0]).toBe("4610");
    expect(sorted[0][1]).toBeGreaterThan(1.5 * sorted[1][1]);

    const t = loaded.get("targets")!.columns as unknown as { target: string[]; value: Float64Array; programme: (string | null)[] };
    const jobs = t.target.indexOf("150 jobb");
    expect([t.value[jobs], t.programme[jobs]]).toEqual([150, "IPS"]);
    const s = loaded.get("staffing")!.columns as unknown as { month: string[]; unit: string[]; specialists: Float64Array; activeClients: Float64Array };
    const ips23 = s.month.map((m, i) => i).filter((i) => s.unit[i] === "IPS" && s.month[i].startsWith("2023-0"));
    for (const i of ips23.slice(-3)) {
      expect(Math.abs(s.specialists[i] - 23)).toBeLessThanOrEqual(1);
      expect(Math.abs(s.activeClients[i] - 380)).toBeLessThanOrEqual(15);
    }
    const f = loaded.get("forecasts")!.columns as unknown as { forecastMonth: string[] };
    expect([...new Set(f.forecastMonth)].sort()).toEqual(["2023-02", "2023-04", "2023-08"]);
  });
});
