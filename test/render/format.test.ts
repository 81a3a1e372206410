import { describe, expect, it } from "vitest";
import {
  formatCell,
  formatDate,
  formatDecimal,
  formatDeviation,
  formatInteger,
  formatKr,
  formatMnkr,
  formatMonth,
  formatMonthShort,
  formatPercent,
  formatTkr,
  MINUS,
  MISSING_MARK,
  NBSP,
  SUPPRESSED_MARK,
} from "../../src/render/format.ts";

const codePoints = (s: string) => [...s].map((c) => c.codePointAt(0));

describe("Swedish number formats", () => {
  it("groups thousands with U+00A0", () => {
    expect(formatInteger(1694000)).toBe("1\u00a0694\u00a0000");
    expect(codePoints(formatInteger(1694000))).toEqual([0x31, 0xa0, 0x36, 0x39, 0x34, 0xa0, 0x30, 0x30, 0x30]);
    expect(NBSP.codePointAt(0)).toBe(0xa0);
    expect(formatInteger(999)).toBe("999");
    expect(formatInteger(1000)).toBe("1\u00a0000");
    expect(formatInteger(0)).toBe("0");
  });

  it("writes negatives with U+2212 and never −0", () => {
    expect(formatInteger(-1500)).toBe("\u22121\u00a0500");
    expect(formatInteger(-1500).codePointAt(0)).toBe(0x2212);
    expect(MINUS.codePointAt(0)).toBe(0x2212);
    expect(formatInteger(-0)).toBe("0");
    expect(formatInteger(-0.4)).toBe("0");
    expect(formatDecimal(-0.04, 1)).toBe("0,0");
    expect(formatDecimal(-0.05, 1)).toBe("\u22120,1");
    expect(formatMnkr(-4_000_000)).toBe("0,0\u00a0mnkr");
  });

  it("rounds half away from zero on the decimal value", () => {
    expect(formatInteger(2.5)).toBe("3");
    expect(formatInteger(-2.5)).toBe("\u22123");
    expect(formatInteger(0.49999)).toBe("0");
    expect(formatDecimal(1.005, 2)).toBe("1,01"); // 1.005 is 1.00499999… in binary
    expect(formatDecimal(16.45, 1)).toBe("16,5");
    expect(formatPercent(0.285)).toBe("29\u00a0%"); // 0.285 * 100 = 28.499999999999996
    expect(formatMnkr(1_325_000_000)).toBe("13,3\u00a0mnkr");
    expect(formatMnkr(1_335_000_000)).toBe("13,4\u00a0mnkr");
    expect(formatMnkr(-1_325_000_000)).toBe("\u221213,3\u00a0mnkr");
  });

  it("formats decimals, percentages and money", () => {
    expect(formatDecimal(16.5, 1)).toBe("16,5");
    expect(formatDecimal(1234.5, 2)).toBe("1\u00a0234,50");
    expect(formatPercent(0.52)).toBe("52\u00a0%");
    expect(codePoints(formatPercent(0.52))).toEqual([0x35, 0x32, 0xa0, 0x25]);
    expect(formatPercent(0.1234, 1)).toBe("12,3\u00a0%");
    expect(formatPercent(1)).toBe("100\u00a0%");
    expect(formatKr(169_400_000)).toBe("1\u00a0694\u00a0000\u00a0kr");
    expect(formatKr(169_400_050)).toBe("1\u00a0694\u00a0001\u00a0kr");
    expect(formatTkr(169_400_000)).toBe("1\u00a0694\u00a0tkr");
    expect(formatTkr(169_450_000, 1)).toBe("1\u00a0694,5\u00a0tkr");
    expect(formatMnkr(1_330_000_000)).toBe("13,3\u00a0mnkr");
    expect(formatMnkr(1_540_000_000, 0)).toBe("15\u00a0mnkr");
    expect(formatInteger(1e25)).toBe("10\u00a0000\u00a0000\u00a0000\u00a0000\u00a0000\u00a0000\u00a0000\u00a0000");
  });

  it("prints the sign of a deviation", () => {
    expect(formatDeviation(1_330_000_000, "mnkr", 1)).toBe("+13,3\u00a0mnkr");
    expect(formatDeviation(-110_000_000, "mnkr", 1)).toBe("\u22121,1\u00a0mnkr");
    expect(formatDeviation(-110_000_000, "mnkr", 1).codePointAt(0)).toBe(0x2212);
    expect(formatDeviation(0, "mnkr", 1)).toBe("0,0\u00a0mnkr");
    expect(formatDeviation(4_000_000, "mnkr", 1)).toBe("0,0\u00a0mnkr"); // rounds to zero: no sign
    expect(formatDeviation(1_540_000_000)).toBe("+15,4\u00a0mnkr");
    expect(formatDeviation(120_000_000, "tkr", 0)).toBe("+1\u00a0200\u00a0tkr");
    expect(formatDeviation(-5_000, "kr", 0)).toBe("\u221250\u00a0kr");
  });

  it("prints missing values as an en dash", () => {
    expect(formatInteger(NaN)).toBe(MISSING_MARK);
    expect(MISSING_MARK.codePointAt(0)).toBe(0x2013);
    expect(formatPercent(NaN)).toBe("\u2013");
    expect(formatMnkr(Infinity)).toBe("\u2013");
    expect(formatDeviation(NaN)).toBe("\u2013");
  });
});

describe("Swedish dates", () => {
  it("names months and dates in Swedish, in UTC", () => {
    expect(formatMonth("2023-04")).toBe("april 2023");
    expect(formatMonth("2024-12")).toBe("december 2024");
    expect(formatMonthShort("2023-04")).toBe("apr");
    expect(formatMonthShort("2023-05")).toBe("maj");
    expect(formatDate(Date.UTC(2023, 3, 30))).toBe("30 april 2023");
    // UTC midnight is the previous evening in New York (the test TZ): still 1 januari.
    expect(formatDate(Date.UTC(2023, 0, 1))).toBe("1 januari 2023");
    expect(() => formatMonth("2023-13")).toThrow(/YYYY-MM/);
    expect(() => formatMonth("april")).toThrow(/YYYY-MM/);
  });
});

describe("formatCell", () => {
  it("formats every CellFormat", () => {
    expect(formatCell("Jobbspåret", "text")).toBe("Jobbspåret");
    expect(formatCell(1694, "integer")).toBe("1\u00a0694");
    expect(formatCell(16.54, "decimal1")).toBe("16,5");
    expect(formatCell(0.52, "percent")).toBe("52\u00a0%");
    expect(formatCell(169_400_000, "kr")).toBe("1\u00a0694\u00a0000\u00a0kr");
    expect(formatCell(169_400_000, "tkr")).toBe("1\u00a0694\u00a0tkr");
    expect(formatCell(1_330_000_000, "mnkr")).toBe("13,3\u00a0mnkr");
    expect(formatCell(-110_000_000, "deviationMnkr")).toBe("\u22121,1\u00a0mnkr");
    expect(formatCell("2023-04", "month")).toBe("april 2023");
    expect(formatCell(Date.UTC(2023, 3, 30), "date")).toBe("30 april 2023");
    expect(formatCell("2023-04-30", "date")).toBe("30 april 2023");
  });

  it("shows suppressed (null) as '..' and missing (NaN, undefined) as '–'", () => {
    expect(formatCell(null, "integer")).toBe(SUPPRESSED_MARK);
    expect(SUPPRESSED_MARK).toBe("..");
    expect(formatCell(null, "percent")).toBe("..");
    expect(formatCell(null, "text")).toBe("");
    expect(formatCell(NaN, "integer")).toBe("\u2013");
    expect(formatCell(undefined, "mnkr")).toBe("\u2013");
    expect(formatCell("<5", "integer")).toBe("<5");
  });
});
