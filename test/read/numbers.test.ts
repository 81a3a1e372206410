import { describe, expect, it } from "vitest";
import { COMMA_THOUSANDS, hasLeadingZero, lastRefusal, NO_REFUSAL, parseDecimal, parseInteger, parseMoneyOre, POINT_DECIMAL, POINT_THOUSANDS } from "../../src/read/numbers.ts";

describe("parseInteger", () => {
  it("reads thousands separated by space, U+00A0 and U+202F, and both minus signs", () => {
    expect(parseInteger("1234")).toBe(1234);
    expect(parseInteger("1 234")).toBe(1234);
    expect(parseInteger("1\u00a0234\u00a0567")).toBe(1234567);
    expect(parseInteger("1\u202f234")).toBe(1234);
    expect(parseInteger("-5")).toBe(-5);
    expect(parseInteger("\u22125")).toBe(-5);
    expect(parseInteger("\u22121 000")).toBe(-1000);
    expect(parseInteger(" 42 ")).toBe(42);
    expect(parseInteger("+7")).toBe(7);
    expect(parseInteger("0")).toBe(0);
    expect(Object.is(parseInteger("-0"), 0)).toBe(true);
    expect(parseInteger("12,0")).toBe(12);
  });
  it("rejects what is not an integer", () => {
    for (const s of ["12,5", "1 23", "12 34 567", "1234 567", "abc", "1-2", "", "-", "12%", "1,2,3", "1 234,", "5 kr"]) {
      expect(parseInteger(s), s).toBeNaN();
    }
  });
});

describe("parseDecimal", () => {
  it("reads decimal comma, separators, minus forms, % and kr", () => {
    expect(parseDecimal("12,5")).toBe(12.5);
    expect(parseDecimal("1 234,75")).toBe(1234.75);
    expect(parseDecimal("-0,5")).toBe(-0.5);
    expect(parseDecimal("\u22120,5")).toBe(-0.5);
    expect(parseDecimal("38,2 %")).toBe(38.2);
    expect(parseDecimal("38,2%")).toBe(38.2);
    expect(parseDecimal("1\u00a0694\u00a0000 kr")).toBe(1694000);
    expect(parseDecimal("1\u202f000,25")).toBe(1000.25);
    expect(parseDecimal(",5")).toBe(0.5);
    expect(parseDecimal("58,5")).toBe(58.5);
  });
  it("gives the same double as the engine for the written decimal (no accumulated error)", () => {
    expect(parseDecimal("0,1")).toBe(0.1);
    expect(parseDecimal("0,3")).toBe(0.3);
    expect(parseDecimal("123456789,123")).toBe(123456789.123);
    expect(parseDecimal("12345678901234567,5")).toBe(12345678901234567.5);
  });
  it("rejects garbage", () => {
    for (const s of ["12,5,3", "12.", "1 2,5", "kr", "%", "12 %%", "abc", "1e5", "--5"]) expect(parseDecimal(s), s).toBeNaN();
  });
});

describe("parseMoneyOre", () => {
  it("reads kronor to whole öre", () => {
    expect(parseMoneyOre("1 694 000")).toBe(169_400_000);
    expect(parseMoneyOre("1 250 000,00")).toBe(125_000_000);
    expect(parseMoneyOre("1\u00a0198\u00a0512,40")).toBe(119_851_240);
    expect(parseMoneyOre("9 870,5 kr")).toBe(987_050);
    expect(parseMoneyOre("\u221213,30")).toBe(-1330);
    expect(parseMoneyOre("0,07")).toBe(7);
  });
  it("rejects more than two decimals and percentages", () => {
    expect(parseMoneyOre("1,234")).toBeNaN();
    expect(parseMoneyOre("1,000")).toBeNaN();
    expect(parseMoneyOre("5 %")).toBeNaN();
  });
  it("is exact: 0,10 + 0,20 is 30 öre, and sums do not depend on order", () => {
    expect(parseMoneyOre("0,10") + parseMoneyOre("0,20")).toBe(30);
    expect(parseMoneyOre("0,1") + parseMoneyOre("0,2")).toBe(parseMoneyOre("0,3"));
    const amounts: string[] = [];
    let seed = 7;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let i = 0; i < 5000; i++) {
      const ore = Math.floor(rnd() * 1e9) - 2e8;
      const kr = Math.trunc(Math.abs(ore) / 100);
      amounts.push(`${ore < 0 ? "\u2212" : ""}${kr.toLocaleString("sv-SE")},${String(Math.abs(ore) % 100).padStart(2, "0")}`);
    }
    const sum = (xs: string[]) => xs.reduce((a, s) => a + parseMoneyOre(s), 0);
    const forward = sum(amounts);
    const backward = sum([...amounts].reverse());
    const shuffled = sum([...amounts].sort((a, b) => (a.length * 31 + a.charCodeAt(a.length - 1)) % 17 - (b.length * 31 + b.charCodeAt(b.length - 1)) % 17));
    expect(Number.isSafeInteger(forward)).toBe(true);
    expect(backward).toBe(forward);
    expect(shuffled).toBe(forward);
    // The same amounts as floats do drift: this is why money is kept in öre.
    const floats = amounts.map((s) => parseMoneyOre(s) / 100);
    expect(floats.reduce((a, b) => a + b, 0) * 100).not.toBe(forward);
  });
});

describe("hasLeadingZero", () => {
  it("spots ids like 0180", () => {
    expect(hasLeadingZero("0180")).toBe(true);
    expect(hasLeadingZero("0")).toBe(false);
    expect(hasLeadingZero("180")).toBe(false);
  });
});

describe("a point is never read without a declared decimal point", () => {
  it("refuses a point in every number type, saying whether it looks like a thousands separator", () => {
    for (const [parse, s] of [[parseInteger, "1.000"], [parseInteger, "1.234"], [parseDecimal, "1.234"], [parseMoneyOre, "12.345.678"], [parseDecimal, "1.000,50"], [parseMoneyOre, "−2.500"]] as const) {
      expect(parse(s), s).toBeNaN();
      expect(lastRefusal(), s).toBe(POINT_THOUSANDS);
    }
    for (const [parse, s] of [[parseDecimal, "0.5"], [parseMoneyOre, "12.75"], [parseInteger, "12.0"], [parseDecimal, "1234.5"]] as const) {
      expect(parse(s), s).toBeNaN();
      expect(lastRefusal(), s).toBe(POINT_DECIMAL);
    }
    // Garbage with a point is plain garbage, not a separator question.
    expect(parseDecimal("a.b")).toBeNaN();
    expect(lastRefusal()).toBe(NO_REFUSAL);
    expect(parseDecimal("12,5")).toBe(12.5);
    expect(lastRefusal()).toBe(NO_REFUSAL);
  });

  it("refuses an integer with three zero decimals (1,000) as a possible thousands separator", () => {
    expect(parseInteger("1,000")).toBeNaN();
    expect(lastRefusal()).toBe(COMMA_THOUSANDS);
    expect(parseInteger("12,00")).toBe(12);
    expect(parseInteger("1234,000")).toBe(1234);
  });

  it("with point decimals: reads the point, reads a comma only where it cannot be thousands", () => {
    expect(parseDecimal("3.4", ".")).toBe(3.4);
    expect(parseDecimal("1.000", ".")).toBe(1);
    expect(parseMoneyOre("1 234.50", ".")).toBe(123_450);
    expect(parseDecimal("38,2", ".")).toBe(38.2);
    expect(parseInteger("2023", ".")).toBe(2023);
    expect(parseDecimal("1,234", ".")).toBeNaN();
    expect(lastRefusal()).toBe(COMMA_THOUSANDS);
    expect(parseDecimal("12,345,678", ".")).toBeNaN();
    expect(lastRefusal()).toBe(COMMA_THOUSANDS);
  });
});
