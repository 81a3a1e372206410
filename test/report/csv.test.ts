import { describe, expect, it } from "vitest";
import type { TableSpec } from "../../src/charts/types.ts";
import { csvCell, escapeFormula, tableToCsv } from "../../src/render/csv.ts";
import { stableStringify } from "../../src/render/json.ts";

describe("CSV for Swedish Excel", () => {
  const table: TableSpec = {
    name: "t",
    caption: "T",
    columns: [
      { key: "namn", label: "Enhet", format: "text" },
      { key: "antal", label: "Antal", format: "integer" },
      { key: "belopp", label: "Belopp", format: "kr" },
      { key: "tkr", label: "Utfall, tkr", format: "tkr" },
      { key: "avv", label: "Avvikelse", format: "deviationMnkr" },
      { key: "andel", label: "Andel kvinnor", format: "percent" },
      { key: "snitt", label: "Snitt", format: "decimal1" },
      { key: "man", label: "Månad", format: "month" },
      { key: "dag", label: "Datum", format: "date" },
    ],
    rows: [
      { namn: "=HYPERLINK(\"x\")", antal: 1694, belopp: 169_400_050, tkr: 169_400_000, avv: -110_000_000, andel: 0.07, snitt: 16.45, man: "2023-04", dag: Date.UTC(2023, 3, 30) },
      { namn: "Enhet; med \"citat\"", antal: null, belopp: -1500_00, tkr: 0, avv: 1_330_000_000, andel: 0.52, snitt: -0.5, man: "2023-05", dag: null },
      { namn: "-5 är text", antal: 3, belopp: null, tkr: 12_345, avv: 0, andel: null, snitt: 2, man: null, dag: Date.UTC(2023, 0, 1) },
    ],
  };

  it("writes BOM, semicolons, CRLF, decimal comma, units in headers, no thousands separators, the table's precision", () => {
    expect(tableToCsv(table)).toBe(
      "\uFEFF" +
        [
          "Enhet;Antal;Belopp (kr);Utfall, tkr;Avvikelse (mnkr);Andel kvinnor (%);Snitt;Månad;Datum",
          `"'=HYPERLINK(""x"")";1694;1694001;1694;-1,1;7;16,5;2023-04;2023-04-30`,
          `"Enhet; med ""citat""";..;-1500;0;13,3;52;-0,5;2023-05;..`,
          "'-5 är text;3;..;0;0,0;..;2,0;..;2023-01-01",
        ].join("\r\n") +
        "\r\n",
    );
  });

  it("escapes formula-like text only, never numbers", () => {
    expect(escapeFormula("=1+1")).toBe("'=1+1");
    expect(escapeFormula("+46 70")).toBe("'+46 70");
    expect(escapeFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(escapeFormula("Jobbspåret")).toBe("Jobbspåret");
    expect(csvCell(-1500, "integer")).toBe("-1500");
    expect(csvCell(-150_000, "kr")).toBe("-1500");
    expect(csvCell(null, "text")).toBe("");
    expect(csvCell(null, "integer")).toBe("..");
    expect(csvCell(Number.NaN, "integer")).toBe("");
    expect(csvCell(undefined, "kr")).toBe("");
  });

  it("rounds money exactly (no float drift) to the unit shown, and float noise away", () => {
    expect(csvCell(123_456_789_012_345, "kr")).toBe("1234567890123");
    expect(csvCell(1, "mnkr")).toBe("0,0");
    expect(csvCell(0.29, "percent")).toBe("29");
    expect(csvCell(0.1 + 0.2, "decimal1")).toBe("0,3");
  });
});

describe("stable JSON", () => {
  it("sorts keys at every depth and keeps rows on one line", () => {
    const a = stableStringify({ b: 1, a: { d: [1, "x", null], c: Number.NaN }, e: undefined });
    expect(a).toBe('{\n  "a": {\n    "c": null,\n    "d": [1, "x", null]\n  },\n  "b": 1\n}\n');
    expect(stableStringify({ a: { c: 1, b: 2 } })).toBe(stableStringify({ a: { b: 2, c: 1 } }));
  });
});
