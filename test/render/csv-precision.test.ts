// CSV cells carry the precision the report's table shows (the rounding of formatCell), while
// figures.json keeps the exact values. Checked on real sample reports built by `utfall build`.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CellFormat } from "../../src/charts/types.ts";
import { csvCell } from "../../src/render/csv.ts";
import { CELL_PRECISION, MINUS, NBSP, formatCell, formatHeadcount, plainCellNumber } from "../../src/render/format.ts";
import type { FiguresDocument, TableRecord } from "../../src/report/build.ts";
import { U40455_NOTE } from "../../src/metrics/outcomes.ts";
import { buildSamples } from "../e2e/sample.ts";
import { readWrittenCsv } from "../report/written-csv.ts";


/** The HTML cell's text as a number a program reads: no grouping, unit, "+"; hyphen-minus. */
function shownAsPlain(value: number, format: CellFormat): string {
  return formatCell(value, format)
    .replace(new RegExp(`${NBSP}(kr|tkr|mnkr|%)$`), "")
    .replaceAll(NBSP, "")
    .replace(/^\+/, "")
    .replace(MINUS, "-");
}

const NUMERIC = new Set(Object.keys(CELL_PRECISION));

describe("CSV precision on the sample reports", () => {
  let dir: string;
  const reports = ["delarsrapport", "mal-150-jobb"] as const;
  const docs = new Map<string, FiguresDocument>();
  const csv = new Map<string, string[][]>();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "utfall-csv-precision-"));
    const built = await buildSamples(dir, [...reports]);
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);
    for (const name of reports) {
      const doc = JSON.parse(await readFile(path.join(built.out, name, "figures.json"), "utf8")) as FiguresDocument;
      docs.set(name, doc);
      for (const t of [...doc.tables, ...doc.charts.map((c) => c.data)]) {
        csv.set(`${name}/${t.file}`, readWrittenCsv(await readFile(path.join(built.out, name, t.file), "utf8")));
      }
    }
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const tables = (name: string): TableRecord[] => {
    const doc = docs.get(name)!;
    return [...doc.tables, ...doc.charts.map((c) => c.data)];
  };
  const cell = (report: string, table: string, rowLabel: string, key: string): { exact: unknown; csv: string } => {
    const t = tables(report).find((x) => x.name === table)!;
    const col = t.columns.findIndex((c) => c.key === key);
    const row = t.rows.findIndex((r) => r[0] === rowLabel);
    expect(col).toBeGreaterThanOrEqual(0);
    expect(row).toBeGreaterThanOrEqual(0);
    return { exact: t.rows[row][col], csv: csv.get(`${report}/${t.file}`)![row + 1][col] };
  };

  it("writes every number cell of every table and chart as the report's table shows it", () => {
    let numbers = 0;
    for (const name of reports) {
      for (const t of tables(name)) {
        const rows = csv.get(`${name}/${t.file}`)!;
        expect(rows.length).toBe(t.rows.length + 1);
        t.rows.forEach((r, i) => {
          t.columns.forEach((c, j) => {
            const v = r[j];
            if (typeof v !== "number" || !NUMERIC.has(c.format)) return;
            numbers++;
            expect(rows[i + 1][j], `${name}/${t.file} row ${i + 1} ${c.label}`).toBe(shownAsPlain(v, c.format as CellFormat));
            // Never more decimals than the format shows.
            const decimals = CELL_PRECISION[c.format as keyof typeof CELL_PRECISION].decimals;
            expect(rows[i + 1][j]).toMatch(new RegExp(`^-?\\d+${decimals > 0 ? `(,\\d{1,${decimals}})?` : ""}$`));
          });
        });
      }
    }
    expect(numbers).toBeGreaterThan(200);
  });

  it("rounds the controller's examples and keeps the exact value in figures.json", () => {
    // Budget for the period of Administration: 5 233 333,32 kr.
    expect(cell("delarsrapport", "budget-per-enhet", "Administration", "budgetPeriod")).toEqual({ exact: 523333332, csv: "5,2" });
    // 31 women of 66 participants: 46,969… %.
    const share = cell("delarsrapport", "deltagare-per-kon", "Arbetsinriktad rehabilitering", "shareK");
    expect(share.csv).toBe("47");
    expect(share.exact).toBeCloseTo(31 / 66, 15);
    // The projection of persons employed at year end is a fraction of a person in figures.json.
    const t = tables("mal-150-jobb").find((x) => x.name === "maluppfyllelse")!;
    const projected = t.rows.findIndex((r) => String(r[0]).startsWith("Prognos"));
    const exact = t.rows[projected][1] as number;
    expect(Number.isInteger(exact)).toBe(false);
    expect(csv.get("mal-150-jobb/tables/maluppfyllelse.csv")![projected + 1][1]).toBe(String(Math.round(exact)));
  });

  it("prints the job specialists as a headcount, without ',0'", async () => {
    const f = docs.get("mal-150-jobb")!.figures.find((x) => x.id === "arbetsspecialister")!;
    expect(f).toMatchObject({ format: "headcount", value: 23, shown: "23" });
    const html = await readFile(path.join(dir, "mal-150-jobb", "index.html"), "utf8");
    expect(html).toMatch(/>23<\/span> arbetsspecialister arbetar/);
    expect(html).not.toContain("23,0");
  });

  it("delårsrapporten says what each participant count and share counts", async () => {
    const html = await readFile(path.join(dir, "delarsrapport", "index.html"), "utf8");
    expect(html).toContain(`<p class="note">${U40455_NOTE}</p>`);
    expect(html).toContain("Deltagare under perioden räknar varje person en gång");
    expect(html).toContain("räknas som Kolada U40455");
  });

  it("no CSV of these reports carries float noise", () => {
    for (const [file, rows] of csv) {
      for (const r of rows.slice(1)) for (const f of r) expect(f, file).not.toMatch(/^-?\d+,\d{3,}$/);
    }
  });
});

describe("csvCell and plainCellNumber", () => {
  it("round half away from zero on the decimal value, like formatCell", () => {
    expect(csvCell(169_400_050, "kr")).toBe("1694001");
    expect(csvCell(-169_400_050, "kr")).toBe("-1694001");
    expect(csvCell(12_345, "tkr")).toBe("0");
    expect(csvCell(16.45, "decimal1")).toBe("16,5");
    expect(csvCell(2, "decimal1")).toBe("2,0");
    expect(csvCell(0.285, "percent")).toBe("29");
    expect(csvCell(-65_890_836, "deviationMnkr")).toBe("-0,7");
    expect(csvCell(-4_000_000, "deviationMnkr")).toBe("0,0");
    expect(csvCell(84.2307692308, "integer")).toBe("84");
    expect(csvCell(23, "headcount")).toBe("23");
    expect(csvCell(22.5, "headcount")).toBe("22,5");
    expect(csvCell(22.96, "headcount")).toBe("23");
    expect(plainCellNumber(1_330_000_000, "deviationMnkr")).toBe("13,3");
    expect(() => plainCellNumber(Number.NaN, "integer")).toThrow(RangeError);
  });

  it("headcount prints whole numbers without ',0'", () => {
    expect(formatHeadcount(23)).toBe("23");
    expect(formatHeadcount(1234.5)).toBe(`1${NBSP}234,5`);
    expect(formatHeadcount(-0.04)).toBe("0");
    expect(formatCell(16.304347826086957, "headcount")).toBe("16,3");
  });
});
