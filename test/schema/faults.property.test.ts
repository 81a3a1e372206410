/**
 * Property (issue 8): a random valid ledger export with one random fault injected at a random row
 * is never loaded as "ok" with fewer rows than the file holds — faults that would change a value
 * or drop a row are never "ok" at all — and rows read = accepted + quarantined always. Variants
 * that are not faults (bare CR line ends, UTF-16 with a byte order mark, a complete last row whose
 * first word is "Totalt" or "*") load every row with the exact amounts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateBytes } from "../../src/cli/validate.ts";
import { encode } from "../../src/read/encoding.ts";
import { loadBytes } from "../../src/schema/load.ts";
import { ledgerSchema } from "../../src/sources/index.ts";

const HEADER = ["Period", "Ansvar", "Verksamhet", "Konto", "Budget", "Utfall"];

interface Row {
  month: number;
  unit: number;
  activity: string;
  account: number;
  budget: number; // öre
  outcome: number; // öre
}

/** Kronor the Swedish way: thousands with a space, decimal comma, two decimals. */
function kr(ore: number): string {
  const sign = ore < 0 ? "-" : "";
  const abs = Math.abs(ore);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return `${sign}${whole},${String(abs % 100).padStart(2, "0")}`;
}

const row: fc.Arbitrary<Row> = fc.record({
  month: fc.integer({ min: 1, max: 12 }),
  unit: fc.integer({ min: 4500, max: 4599 }),
  activity: fc.constantFrom("adm", "ekbist", "försörjning", "subsanst", "Arbetsträning", "Jobb och kunskap"),
  account: fc.integer({ min: 3000, max: 7999 }),
  budget: fc.integer({ min: -5_000_000_00, max: 5_000_000_00 }),
  outcome: fc.integer({ min: -5_000_000_00, max: 5_000_000_00 }),
});

function cells(r: Row): string[] {
  return [`2023-${String(r.month).padStart(2, "0")}`, String(r.unit), r.activity, String(r.account), kr(r.budget), kr(r.outcome)];
}

const dialect = fc.record({
  delimiter: fc.constantFrom(";", "\t"),
  eol: fc.constantFrom("\r\n", "\n"),
  encoding: fc.constantFrom("utf-8" as const, "utf-8-bom" as const, "windows-1252" as const),
  title: fc.boolean(),
  footer: fc.boolean(),
});
type Dialect = typeof dialect extends fc.Arbitrary<infer D> ? D : never;

const SUBTOTAL_LABELS = ["Summa", "SUMMA", "summa:", "Totalt", "TOTALT", "Total", "Delsumma", "S:a", "s:a", "Summa 4510", "4510 Summa"];

type Fault =
  | { kind: "point-thousands"; at: number; column: 4 | 5; value: string }
  | { kind: "point-decimal"; at: number; column: 4 | 5; value: string }
  | { kind: "subtotal"; at: number; column: 1 | 2 | 3; label: string }
  | { kind: "truncated"; at: number }
  | { kind: "nul"; at: number }
  | { kind: "invalid-utf8"; at: number }
  | { kind: "duplicate-header"; header: string };

const fault = (n: number): fc.Arbitrary<Fault> => {
  const at = fc.integer({ min: 0, max: n - 1 });
  return fc.oneof(
    fc.record({ kind: fc.constant("point-thousands" as const), at, column: fc.constantFrom(4 as const, 5 as const), value: fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 }), fc.boolean()).map(([a, b, dec]) => `${a}.${String(b).padStart(3, "0")}${dec ? ",50" : ""}`) }),
    fc.record({ kind: fc.constant("point-decimal" as const), at, column: fc.constantFrom(4 as const, 5 as const), value: fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 1, max: 99 })).map(([a, b]) => `${a}.${b}`) }),
    fc.record({ kind: fc.constant("subtotal" as const), at, column: fc.constantFrom(1 as const, 2 as const, 3 as const), label: fc.constantFrom(...SUBTOTAL_LABELS) }),
    fc.record({ kind: fc.constant("truncated" as const), at }),
    fc.record({ kind: fc.constant("nul" as const), at }),
    fc.record({ kind: fc.constant("invalid-utf8" as const), at }),
    fc.record({ kind: fc.constant("duplicate-header" as const), header: fc.constantFrom("Budget", "budget", "KONTO", "Ansvar") }),
  );
};

/** The export's bytes with the fault injected (data rows start on line `first`). */
function build(rows: Row[], d: Dialect, f: Fault): Uint8Array {
  const header = f.kind === "duplicate-header" ? [...HEADER, f.header] : HEADER;
  const data = rows.map((r, i) => {
    const c = cells(r);
    if (f.kind === "duplicate-header") c.push(c[HEADER.findIndex((h) => h.toLowerCase() === f.header.toLowerCase())]);
    if ((f.kind === "point-thousands" || f.kind === "point-decimal") && f.at === i) c[f.column] = f.value;
    if (f.kind === "subtotal" && f.at === i) c[f.column] = f.label;
    if (f.kind === "truncated" && f.at === i) return c[0];
    if (f.kind === "nul" && f.at === i) c[2] = c[2].slice(0, 1) + "\0" + c[2].slice(1);
    if (f.kind === "invalid-utf8" && f.at === i) c[2] = "\uE000" + c[2]; // replaced by a lone 0xF6 byte below
    return c.join(d.delimiter);
  });
  const lines = [...(d.title ? ["Huvudbok 2023 – Exempelby kommun"] : []), header.join(d.delimiter), ...data, ...(d.footer ? ["Källa: Raindance"] : [])];
  const text = lines.join(d.eol) + d.eol;
  if (f.kind === "invalid-utf8") {
    const [before, after] = text.split("\uE000");
    return new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(before, "utf8"), Buffer.from([0xf6]), Buffer.from(after, "utf8")]));
  }
  return encode(text, d.encoding);
}

describe("one injected fault is never loaded as ok with fewer rows than the file holds", () => {
  it("holds for random ledgers, dialects, faults and rows", () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 30 }).chain((rows) => fc.tuple(fc.constant(rows), dialect, fault(rows.length))),
        ([rows, d, f]) => {
          const bytes = build(rows, d, f);
          for (const strict of [false, true]) {
            const o = validateBytes(bytes, "huvudbok.csv", "ledger", { strict });
            const r = o.report;
            expect(r.rowsRead).toBe(r.rowsAccepted + r.rowsQuarantined);
            // The property itself: "ok" only with every row of the file.
            if (o.status === "ok") expect(r.rowsAccepted).toBe(rows.length);
            // Stronger: each of these faults would lose a row or change a value, so none is "ok".
            expect(o.status, `${f.kind} (${strict ? "strict" : "lenient"})`).not.toBe("ok");
            expect(o.exitCode).toBe(1);
            if (f.kind !== "duplicate-header" && f.kind !== "nul" && f.kind !== "invalid-utf8") {
              // Row faults: the file's other rows are all read, and exactly the faulty row is out.
              expect(r.rowsRead).toBe(rows.length);
              if (!strict) {
                expect(r.rowsQuarantined).toBe(1);
                expect(r.quarantinedLines).toEqual([f.at + (d.title ? 3 : 2)]);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("variants that are not faults load every row with its exact amounts", () => {
    const variant = fc.constantFrom("bare-cr", "utf-16le", "utf-16be", "totalt-last", "star-last");
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), dialect, variant, (rows, d, v) => {
        const data = rows.map(cells);
        if (v === "totalt-last") data[data.length - 1][2] = "Totalt i arbete";
        if (v === "star-last") data[data.length - 1][2] = "*Ny verksamhet";
        const eol = v === "bare-cr" ? "\r" : d.eol;
        const text = [HEADER.join(d.delimiter), ...data.map((c) => c.join(d.delimiter)), ...(d.footer ? ["Källa: Raindance"] : [])].join(eol) + eol;
        const bytes = v === "utf-16le" || v === "utf-16be" ? encode(text, v) : encode(text, d.encoding);
        const o = validateBytes(bytes, "huvudbok.csv", "ledger", { strict: true });
        expect(o.status).toBe("ok");
        expect(o.report.rowsRead).toBe(rows.length);
        expect(o.report.rowsAccepted).toBe(rows.length);
        const { table } = loadBytes(ledgerSchema, bytes);
        expect(Array.from(table.array("budget") as Float64Array)).toEqual(rows.map((r) => r.budget));
        expect(table.array("activity")).toEqual(data.map((c) => c[2]));
      }),
      { numRuns: 150 },
    );
  });
});
