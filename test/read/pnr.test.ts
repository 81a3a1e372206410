import { describe, expect, it } from "vitest";
import { containsPnrLike, looksLikePnr, parsePnr, pnr, pnrDigits, PNR_CHECKSUM, PNR_DATE, PNR_FORMAT, PNR_OK } from "../../src/read/pnr.ts";
import { checkDigit, makePnr, wrongCheck } from "./helpers.ts";

describe("parsePnr", () => {
  // 811218-9876 is Skatteverket's classic example with a valid check digit.
  it("accepts all forms of a valid number and normalises to 12 digits", () => {
    expect(checkDigit("811218987")).toBe(6);
    for (const s of ["19811218-9876", "198112189876", "811218-9876", "8112189876", " 19811218-9876 "]) {
      expect(parsePnr(s, 2024), s).toBe(PNR_OK);
      expect(pnrDigits(pnr.key)).toBe("198112189876");
      expect(pnr.birthYear).toBe(1981);
      expect(pnr.gender).toBe("M"); // ninth digit 7 is odd
    }
  });

  it("derives gender from the ninth digit", () => {
    const woman = makePnr("19900101", "134"); // second-to-last digit 4: even
    expect(parsePnr(woman, 2024)).toBe(PNR_OK);
    expect(pnr.gender).toBe("K");
    const man = makePnr("19900101", "143"); // 3: odd
    expect(parsePnr(man, 2024)).toBe(PNR_OK);
    expect(pnr.gender).toBe("M");
  });

  it("rejects a wrong check digit, an impossible date and other shapes", () => {
    expect(parsePnr("19811218-9875", 2024)).toBe(PNR_CHECKSUM);
    expect(parsePnr(wrongCheck(makePnr("20010230", "123").replace("0230", "0228")), 2024)).toBe(PNR_CHECKSUM);
    expect(parsePnr(makePnr("20230230", "123"), 2024)).toBe(PNR_DATE);
    expect(parsePnr(makePnr("20231301", "123"), 2024)).toBe(PNR_DATE);
    for (const s of ["19811218987", "19811218_9876", "19811218-987", "abc", "", "811218--9876"]) expect(parsePnr(s, 2024), s).toBe(PNR_FORMAT);
  });

  it("accepts coordination numbers (day + 60)", () => {
    const s = makePnr("19900171", "236"); // born 1990-01-11
    expect(parsePnr(s, 2024)).toBe(PNR_OK);
    expect(pnr.coordination).toBe(true);
    expect(pnr.birthYear).toBe(1990);
    expect(parsePnr(makePnr("19900192", "236"), 2024)).toBe(PNR_DATE); // day 32
  });

  it("picks the century of YYMMDD relative to the reference year; + means 100 years or older", () => {
    const d9 = "150301123";
    const short = `150301-${d9.slice(6)}${checkDigit(d9)}`;
    expect(parsePnr(short, 2024)).toBe(PNR_OK);
    expect(pnr.birthYear).toBe(2015);
    expect(parsePnr(short, 2014)).toBe(PNR_OK);
    expect(pnr.birthYear).toBe(1915);
    expect(parsePnr(short.replace("-", "+"), 2024)).toBe(PNR_OK);
    expect(pnr.birthYear).toBe(1915);
    expect(pnrDigits(pnr.key)).toBe("191503011230".slice(0, 11) + String(checkDigit(d9)));
    expect(parsePnr(short.replace("-", ""), 2024)).toBe(PNR_OK);
    expect(pnr.birthYear).toBe(2015);
    // A person born in the reference year itself.
    const d9b = "240101123";
    expect(parsePnr(`240101-123${checkDigit(d9b)}`, 2024)).toBe(PNR_OK);
    expect(pnr.birthYear).toBe(2024);
  });

  it("recognises identity-number shapes", () => {
    expect(looksLikePnr("19811218-9876")).toBe(true);
    expect(looksLikePnr("811218-9876")).toBe(true);
    expect(looksLikePnr("2023-04-30")).toBe(false);
    expect(looksLikePnr("12345")).toBe(false);
    expect(containsPnrLike("ring 19811218-9876 snart")).toBe(true);
    expect(containsPnrLike("Telefon 8112189876")).toBe(true);
    expect(containsPnrLike("Summa 1 694 000")).toBe(false);
  });
});

describe("parsePnr: every written separator", () => {
  it("accepts a space, typographic hyphens and the minus sign between date and serial", () => {
    for (const sep of [" ", "\u2010", "\u2011", "\u2212", "\u2013", " - "]) {
      for (const s of [`19811218${sep}9876`, `811218${sep}9876`]) {
        expect(parsePnr(s, 2024), JSON.stringify(s)).toBe(PNR_OK);
        expect(pnrDigits(pnr.key)).toBe("198112189876");
      }
      expect(looksLikePnr(`811218${sep}9876`), JSON.stringify(sep)).toBe(true);
      expect(parsePnr(`19811218${sep}9875`, 2024)).toBe(PNR_CHECKSUM);
    }
    // " + " still means 100 years or older.
    expect(parsePnr("150301 + 1230".replace("1230", "123" + String(checkDigit("150301123"))), 2024)).toBe(PNR_OK);
    expect(pnr.birthYear).toBe(1915);
  });

  it("still rejects two separators, a serial of three or five digits and text around it", () => {
    for (const s of ["19811218--9876", "19811218  9876", "19811218-987", "19811218-98760", "x19811218-9876", "19811218-9876x"]) {
      expect(parsePnr(s, 2024), s).toBe(PNR_FORMAT);
      expect(looksLikePnr(s), s).toBe(false);
    }
  });

  it("containsPnrLike sees every separator and a number inside text", () => {
    for (const s of ["ring 811218\u20109876 tack", "ring 19811218 9876", "x 19811218\u22129876"]) expect(containsPnrLike(s), s).toBe(true);
    expect(containsPnrLike("119811218-9876")).toBe(false); // nine date digits
  });
});
