/**
 * Property: any table of random values, written in any supported dialect (delimiter ; , tab;
 * CRLF/LF; UTF-8, UTF-8 with BOM, Windows-1252 when representable; title and footer lines or
 * not; thousands separators; both minus signs; missing markers), loads back to exactly the
 * same values: money exact in öre, missing kept missing, text with delimiters, quotes and line
 * breaks intact.
 */
import { isUtf8 } from "node:buffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encode, representableInWindows1252, type Encoding } from "../../src/read/encoding.ts";
import { loadBytes } from "../../src/schema/load.ts";
import { defineSchema } from "../../src/schema/types.ts";

const schema = defineSchema({
  kind: "roundtrip",
  fileName: "roundtrip.csv",
  title: "Round trip",
  columns: {
    id: { type: "integer", header: "Id", required: true },
    text: { type: "string", header: "Text" },
    amount: { type: "money", header: "Belopp" },
    count: { type: "integer", header: "Antal" },
    share: { type: "decimal", header: "Andel" },
    day: { type: "date", header: "Datum" },
    flag: { type: "boolean", header: "Flagga" },
  },
});

const MISSING = ["", "-", ".", ".."] as const;
const SEPARATORS = ["", " ", "\u00a0", "\u202f"] as const;

type Cell<T> = { written: string; value: T };

function group(digits: string, sep: string): string {
  if (sep === "") return digits;
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return out;
}

const missingCell = <T>(value: T) => fc.constantFrom(...MISSING).map((m): Cell<T> => ({ written: m, value }));
const minus = fc.constantFrom("-", "\u2212");

const moneyCell = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(...SEPARATORS), minus, fc.boolean(), fc.integer({ min: 0, max: 2 })).map(([ore, sep, m, kr, short]): Cell<number> => {
    const abs = Math.abs(ore);
    const kronor = group(String(Math.floor(abs / 100)), sep);
    const rest = abs % 100;
    let frac = "," + String(rest).padStart(2, "0");
    if (short === 1 && rest % 10 === 0) frac = "," + String(rest / 10);
    if (short === 2 && rest === 0) frac = "";
    return { written: `${ore < 0 ? m : ""}${kronor}${frac}${kr ? " kr" : ""}`, value: ore === 0 ? 0 : ore };
  }) },
  { weight: 1, arbitrary: missingCell(NaN) },
);

const integerCell = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.integer({ min: -2e9, max: 2e9 }), fc.constantFrom(...SEPARATORS), minus).map(([v, sep, m]): Cell<number> => ({
    written: `${v < 0 ? m : ""}${group(String(Math.abs(v)), sep)}`,
    value: v === 0 ? 0 : v,
  })) },
  { weight: 1, arbitrary: missingCell(NaN) },
);

const decimalCell = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 5 }), fc.constantFrom(...SEPARATORS), fc.boolean()).map(([mant, scale, sep, pct]): Cell<number> => {
    const digits = String(Math.abs(mant)).padStart(scale + 1, "0");
    const intPart = digits.slice(0, digits.length - scale);
    const frac = digits.slice(digits.length - scale);
    const plain = `${mant < 0 ? "-" : ""}${intPart}${scale > 0 ? "." + frac : ""}`;
    const value = Number(plain);
    return { written: `${mant < 0 ? "-" : ""}${group(intPart, sep)}${scale > 0 ? "," + frac : ""}${pct ? " %" : ""}`, value: value === 0 ? 0 : value };
  }) },
  { weight: 1, arbitrary: missingCell(NaN) },
);

const dateCell = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.integer({ min: Date.UTC(1900, 0, 1) / 864e5, max: Date.UTC(2100, 11, 31) / 864e5 }), fc.boolean()).map(([day, compact]): Cell<number> => {
    const iso = new Date(day * 864e5).toISOString().slice(0, 10);
    return { written: compact ? iso.replaceAll("-", "") : iso, value: day * 864e5 };
  }) },
  { weight: 1, arbitrary: missingCell(NaN) },
);

const boolCell = fc.oneof(
  fc.constantFrom("ja", "Ja", "j", "1", "true", "sant", "x", "X").map((w): Cell<boolean | null> => ({ written: w, value: true })),
  fc.constantFrom("nej", "n", "0", "false", "falskt", "NEJ").map((w): Cell<boolean | null> => ({ written: w, value: false })),
  missingCell<boolean | null>(null),
);

const TEXT_CHARS = ["a", "b", "Z", "å", "ä", "Ö", "€", "–", " ", ";", ",", "\t", '"', "\n", "\r\n", "'", "1", "−", "\u00a0"];
const textCell = fc.array(fc.constantFrom(...TEXT_CHARS), { maxLength: 12 }).map((chars): Cell<string | null> => {
  const written = chars.join("");
  const trimmed = written.replace(/^[ \t\r\n\u00a0]+|[ \t\r\n\u00a0]+$/g, "");
  const missing = trimmed === "" || trimmed === "-" || trimmed === "." || trimmed === ".." || trimmed === "\u2212";
  return { written, value: missing ? null : trimmed };
});

const row = fc.tuple(textCell, moneyCell, integerCell, decimalCell, dateCell, boolCell);

const dialect = fc.record({
  delimiter: fc.constantFrom(";", ",", "\t"),
  eol: fc.constantFrom("\r\n", "\n"),
  encoding: fc.constantFrom<Encoding>("utf-8", "utf-8-bom", "windows-1252"),
  titles: fc.integer({ min: 0, max: 2 }),
  footer: fc.constantFrom("none", "source", "blank+source", "summa"),
  finalEol: fc.boolean(),
});

function quote(field: string, delimiter: string): string {
  return /[";,\t\r\n]/.test(field) || field !== field.trim() ? `"${field.replaceAll('"', '""')}"` : field;
}

describe("round trip", () => {
  it("loads back exactly what was written, in every dialect", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 25 }), dialect, (rows, d) => {
        const lines: string[] = [];
        for (let t = 0; t < d.titles; t++) lines.push(t === 0 ? "Rapport över utfall – Exempelby kommun" : "");
        lines.push(["Id", "Text", "Belopp", "Antal", "Andel", "Datum", "Flagga"].join(d.delimiter));
        rows.forEach((r, i) => lines.push([String(i + 1), ...r.map((c) => c.written)].map((f) => quote(f, d.delimiter)).join(d.delimiter)));
        if (d.footer === "source") lines.push("Källa: Ekonomisystemet");
        if (d.footer === "blank+source") lines.push("", "Källa: Ekonomisystemet");
        if (d.footer === "summa") lines.push(["Summa", "", "", "", "", "", ""].join(d.delimiter));
        let text = lines.join(d.eol) + (d.finalEol ? d.eol : "");
        const encoding = d.encoding === "windows-1252" && !representableInWindows1252(text) ? "utf-8" : d.encoding;
        const written = encode(text, encoding);
        if (encoding === "windows-1252" && isUtf8(written)) {
          // Pure ASCII is both; any other Windows-1252 bytes that happen to form valid UTF-8
          // (e.g. "å€€" = E5 80 80) are read as UTF-8 by the detection rule: a known limit.
          fc.pre(/^[\x00-\x7f]*$/.test(text));
        }
        const { columns, report } = loadBytes(schema, written, { name: "rt.csv" });

        expect(report.encoding).toBe(encoding === "windows-1252" && isUtf8(written) ? "utf-8" : encoding);
        expect(report.delimiter).toBe(d.delimiter);
        expect(report.rowsRead).toBe(rows.length);
        expect(report.rowsAccepted).toBe(rows.length);
        expect(Array.from(columns.id)).toEqual(rows.map((_, i) => i + 1));
        expect(columns.text).toEqual(rows.map((r) => r[0].value));
        expect(Array.from(columns.amount)).toEqual(rows.map((r) => r[1].value));
        expect(Array.from(columns.count)).toEqual(rows.map((r) => r[2].value));
        expect(Array.from(columns.share)).toEqual(rows.map((r) => r[3].value));
        expect(Array.from(columns.day)).toEqual(rows.map((r) => r[4].value));
        const ticked = rows.some((r) => r[5].written === "x" || r[5].written === "X");
        expect(columns.flag).toEqual(rows.map((r) => (r[5].value === null && ticked && r[5].written === "" ? false : r[5].value)));
        // Exact money: the sum is the same in any order.
        const amounts = Array.from(columns.amount).filter((v) => !Number.isNaN(v));
        const total = amounts.reduce((a, b) => a + b, 0);
        expect([...amounts].reverse().reduce((a, b) => a + b, 0)).toBe(total);
        expect(Number.isInteger(total)).toBe(true);
        // Every physical line is accounted for.
        const skipped = report.skippedLines.length;
        expect(report.dataLines + 1 + skipped).toBe(report.physicalLines);
        text = "";
      }),
      { numRuns: Number(process.env.UTFALL_FC_RUNS ?? 300) },
    );
  });
});
