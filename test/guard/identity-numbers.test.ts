import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  containsIdentityNumber,
  containsIdentityNumberShape,
  findIdentityNumbers,
  maskIdentityNumbers,
} from "../../src/guard/identity-numbers.ts";
import { checkDigit } from "../read/helpers.ts";

/** Digits of a valid number: YYYYMMDD + serial3 + check digit. */
function valid12(date8: string, serial3: string): string {
  return `${date8}${serial3}${checkDigit(date8.slice(2) + serial3)}`;
}
function withWrongCheck(d12: string): string {
  return d12.slice(0, 11) + String((Number(d12[11]) + 1) % 10);
}

/** Every written form of the 12 digits `d12` (date 8 + serial 4). */
function forms(d12: string): Record<string, string> {
  const date8 = d12.slice(0, 8);
  const date6 = d12.slice(2, 8);
  const serial = d12.slice(8);
  return {
    "YYYYMMDD-NNNN": `${date8}-${serial}`,
    "YYYYMMDDNNNN": `${date8}${serial}`,
    "YYYYMMDD+NNNN": `${date8}+${serial}`,
    "YYYYMMDD NNNN": `${date8} ${serial}`,
    "YYYYMMDD\u2010NNNN (hyphen)": `${date8}\u2010${serial}`,
    "YYYYMMDD\u2011NNNN (non-breaking hyphen)": `${date8}\u2011${serial}`,
    "YYYYMMDD\u2212NNNN (minus)": `${date8}\u2212${serial}`,
    "YYYYMMDD\u2013NNNN (en dash)": `${date8}\u2013${serial}`,
    "YYYYMMDD\u00a0NNNN (no-break space)": `${date8}\u00a0${serial}`,
    "YYYYMMDD - NNNN": `${date8} - ${serial}`,
    "YYMMDD-NNNN": `${date6}-${serial}`,
    "YYMMDDNNNN": `${date6}${serial}`,
    "YYMMDD+NNNN": `${date6}+${serial}`,
    "YYMMDD NNNN": `${date6} ${serial}`,
    "YYMMDD\u2010NNNN (hyphen)": `${date6}\u2010${serial}`,
    "YYMMDD\u2011NNNN (non-breaking hyphen)": `${date6}\u2011${serial}`,
    "YYMMDD\u2212NNNN (minus)": `${date6}\u2212${serial}`,
    "YYMMDD\tNNNN (tab)": `${date6}\t${serial}`,
    "YYYYMMDD\tNNNN (tab)": `${date8}\t${serial}`,
    "YYMMDD/NNNN": `${date6}/${serial}`,
    "YYYYMMDD/NNNN": `${date8}/${serial}`,
    "YYYY-MM-DD-NNNN": `${dashed(date8)}-${serial}`,
    "YY-MM-DD-NNNN": `${dashed(date6)}-${serial}`,
    "YYYY-MM-DD NNNN": `${dashed(date8)} ${serial}`,
    "YY-MM-DD NNNN": `${dashed(date6)} ${serial}`,
    "YYYY-MM-DD - NNNN": `${dashed(date8)} - ${serial}`,
    "YYYY-MM-DD+NNNN": `${dashed(date8)}+${serial}`,
    "YYYY\u2010MM\u2010DD\u2010NNNN (hyphens)": `${dashed(date8, "\u2010")}\u2010${serial}`,
    "YYYY\u2013MM\u2013DD \u2013 NNNN (en dashes)": `${dashed(date8, "\u2013")} \u2013 ${serial}`,
    "YY MM DD-NNNN": `${dashed(date6, " ")}-${serial}`,
    "YYYY MM DD-NNNN": `${dashed(date8, " ")}-${serial}`,
    "YY\u00a0MM\u00a0DD - NNNN (no-break spaces)": `${dashed(date6, "\u00a0")} - ${serial}`,
  };
}

/** `YYYYMMDD` or `YYMMDD` written with a separator between year, month and day. */
function dashed(date: string, sep = "-"): string {
  const y = date.length - 4;
  return `${date.slice(0, y)}${sep}${date.slice(y, y + 2)}${sep}${date.slice(y + 2)}`;
}

// 811218-9876 is Skatteverket's classic example.
const CLASSIC = "198112189876";

describe("findIdentityNumbers", () => {
  it("finds a valid number in every written form, alone and inside text, at the right position", () => {
    expect(valid12("19811218", "987")).toBe(CLASSIC);
    for (const [form, written] of Object.entries(forms(CLASSIC))) {
      expect(findIdentityNumbers(written), form).toEqual([{ start: 0, end: written.length, coordination: false }]);
      const text = `ring ${written} tack`;
      expect(findIdentityNumbers(text), form).toEqual([{ start: 5, end: 5 + written.length, coordination: false }]);
      expect(containsIdentityNumber(`(${written}).`), form).toBe(true);
      expect(containsIdentityNumber(`pnr:${written};`), form).toBe(true);
    }
  });

  it("rejects every form with a wrong check digit", () => {
    for (const [form, written] of Object.entries(forms(withWrongCheck(CLASSIC)))) {
      expect(containsIdentityNumber(`ring ${written} tack`), form).toBe(false);
      // …but masking for messages still hides the shape.
      expect(containsIdentityNumberShape(`ring ${written} tack`), form).toBe(true);
    }
  });

  it("every one of the ten possible last digits: exactly one is valid", () => {
    const base = CLASSIC.slice(0, 11);
    const hits = Array.from({ length: 10 }, (_, k) => `${base.slice(0, 8)}-${base.slice(8)}${k}`).filter((s) => containsIdentityNumber(s));
    expect(hits).toEqual(["19811218-9876"]);
  });

  it("needs a date that exists", () => {
    expect(containsIdentityNumber(valid12("20230229", "123"))).toBe(false); // 2023 is not a leap year
    expect(containsIdentityNumber(valid12("20240229", "123"))).toBe(true);
    expect(containsIdentityNumber(valid12("19851301", "123"))).toBe(false); // month 13
    expect(containsIdentityNumber(valid12("19850431", "123"))).toBe(false); // 31 April
    expect(containsIdentityNumber(valid12("19850400", "123"))).toBe(false); // day 0
    expect(containsIdentityNumber(valid12("30850412", "123"))).toBe(false); // century 30
    // 10-digit forms: 29 February of year 00 exists (2000).
    expect(containsIdentityNumber(valid12("20000229", "123").slice(2))).toBe(true);
    expect(containsIdentityNumber(valid12("20010229", "123").slice(2))).toBe(false);
  });

  it("finds coordination numbers (day + 60) in every form and marks them", () => {
    const coord = valid12("19900171", "236"); // born 1990-01-11
    for (const [form, written] of Object.entries(forms(coord))) {
      expect(findIdentityNumbers(`ring ${written}`), form).toEqual([{ start: 5, end: 5 + written.length, coordination: true }]);
    }
    expect(containsIdentityNumber(valid12("19900192", "236"))).toBe(false); // day 32
    expect(containsIdentityNumber(valid12("19900260", "236"))).toBe(false); // day 60 = day 0
    expect(containsIdentityNumber(valid12("19900289", "236"))).toBe(false); // 29 February 1990 does not exist
    expect(containsIdentityNumber(valid12("19920289", "236"))).toBe(true); // 1992 is a leap year
  });

  it("never matches inside a longer digit run, a decimal number or a hash", () => {
    const d10 = CLASSIC.slice(2);
    expect(containsIdentityNumber(`1${CLASSIC}`)).toBe(false); // 13 digits
    expect(containsIdentityNumber(`${CLASSIC}0`)).toBe(false);
    expect(containsIdentityNumber(`9${d10}`)).toBe(false); // 11 digits
    expect(containsIdentityNumber(`1${CLASSIC.slice(0, 8)}-9876`)).toBe(false); // 9 date digits
    expect(containsIdentityNumber(`${CLASSIC.slice(0, 8)}-98765`)).toBe(false); // 5 serial digits
    expect(containsIdentityNumber(`0,${d10}`)).toBe(false);
    expect(containsIdentityNumber(`${d10},50`)).toBe(false);
    expect(containsIdentityNumber(`3.${CLASSIC}`)).toBe(false);
    // A SHA-256 (64 hex digits) and a pseudonym (p + 16) with the digits inside are hex tokens, not identity numbers.
    const sha = `ab${CLASSIC}cdef0123456789abcdef0123456789abcdef0123456789abcd`;
    expect(sha).toHaveLength(64);
    expect(containsIdentityNumber(`sha256 ${sha}`)).toBe(false);
    expect(containsIdentityNumber(`p${d10}abcdef`)).toBe(false);
    // A run of letters a–f and digits of any other length is no digest (see whitespace-and-hex.test.ts).
    expect(containsIdentityNumber(`sha256 ${sha}01`)).toBe(true);
    // Letters that do not make a hex token do not protect it.
    expect(containsIdentityNumber(`nr${d10}`)).toBe(true);
    // Four separators between date and serial are no longer one number.
    expect(containsIdentityNumber(`${CLASSIC.slice(0, 8)} -- 9876`)).toBe(false);
  });

  it("finds a number written with an em dash, another Unicode space or a doubled separator", () => {
    const [date8, serial] = [CLASSIC.slice(0, 8), CLASSIC.slice(8)];
    for (const sep of ["\u2014", "\u2015", "\ufe58", "\u2007", "\u2002", "\u2003", "\u3000", "--", "  ", " \u2014 ", "\u2013\u2013"]) {
      expect(findIdentityNumbers(`x ${date8}${sep}${serial} y`), JSON.stringify(sep)).toEqual([{ start: 2, end: 2 + 8 + sep.length + 4, coordination: false }]);
      expect(findIdentityNumbers(`${date8.slice(2)}${sep}${serial}`), JSON.stringify(sep)).toHaveLength(1);
      expect(maskIdentityNumbers(`x ${date8}${sep}${serial} y`, "[dolt]")).toBe("x [dolt] y");
    }
  });

  it("finds several numbers in one text, in order", () => {
    const a = `${CLASSIC.slice(0, 8)}-${CLASSIC.slice(8)}`;
    const b = valid12("19900171", "236").slice(2);
    const text = `först ${a}, sedan ${b}. Summa 1 694 000 kr, datum 2023-04-30.`;
    const hits = findIdentityNumbers(text);
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual([a, b]);
    expect(hits.map((h) => h.coordination)).toEqual([false, true]);
  });

  it("leaves ordinary Swedish numbers, dates and amounts alone", () => {
    for (const s of ["2023-04-30", "20230430", "1 694 000,50 kr", "Tel 08-123 456 78", "070-123 45 67", "Ansvar 4500, konto 5011", "13,3 mnkr", "202304301200"]) {
      expect(containsIdentityNumber(s), s).toBe(false);
    }
    // Dates, ranges, periods and times: not even shapes (the output scan and the messages see them all).
    for (const s of [
      "2023-01-01–2023-12-31",
      "2023-01-01 – 2023-12-31",
      "2023-01-01 - 2023-12-31",
      "2023-01-01-2023-12-31",
      "2023-01-01/2023-12-31",
      "2023-01-01 2023-12-31",
      "20230101-2023-12-31",
      "2024-04-30 12:00",
      "2024-04-30T12:00:00Z",
      "2024-04-30 1 200 kr",
      "2023-2024",
      "2023-01 – 2023-06",
      "2023-01-2023-06",
      "2019-01-04 – 2024-04",
      "Tel 08-12 34 56",
    ]) {
      expect(containsIdentityNumber(s), s).toBe(false);
      expect(containsIdentityNumberShape(s), s).toBe(false);
    }
  });

  it("random 10-digit runs rarely match (date and check digit), and the ones that do pass both tests", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 10 }), (digits) => {
        const s = digits.join("");
        const month = Number(s.slice(2, 4));
        const day = Number(s.slice(4, 6));
        const luhnOk = checkDigit(s.slice(0, 9)) === digits[9];
        const dateOk = month >= 1 && month <= 12 && ((day >= 1 && day <= 31) || (day >= 61 && day <= 91));
        if (!luhnOk || !dateOk) expect(containsIdentityNumber(s)).toBe(false);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});

describe("maskIdentityNumbers", () => {
  it("replaces every shape, valid or not, and keeps the rest", () => {
    const text = `A ${CLASSIC.slice(2, 8)}\u2010${CLASSIC.slice(8)} B ${withWrongCheck(CLASSIC)} C 2023-04-30 D`;
    expect(maskIdentityNumbers(text, "[dolt]")).toBe("A [dolt] B [dolt] C 2023-04-30 D");
    expect(maskIdentityNumbers("inget här", "[dolt]")).toBe("inget här");
  });

  it("masks a number with invisible characters inside (soft hyphen, zero-width space, word joiner, BOM), and only it", () => {
    const p = CLASSIC; // 12 digits
    const cases = [
      `${p.slice(0, 4)}\u00ad${p.slice(4, 8)}-${p.slice(8)}`,
      `${p.slice(0, 8)}\u200b-${p.slice(8)}`,
      `${p.slice(2, 8)}-\u2060${p.slice(8)}`,
      `\u200d${p.slice(0, 6)}\ufeff${p.slice(6)}\u200c`,
      `${p.slice(0, 8)}-${p.slice(8, 10)}\u00ad${p.slice(10)}`,
    ];
    for (const hidden of cases) {
      const masked = maskIdentityNumbers(`före ${hidden} efter \u00ad`, "[dolt]");
      expect(masked.startsWith("före ")).toBe(true);
      expect(masked.endsWith(" efter \u00ad")).toBe(true);
      expect(masked).toContain("[dolt]");
      expect(masked.replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, "")).not.toMatch(/\d{4}/);
    }
    // Text without a number keeps its invisible characters.
    expect(maskIdentityNumbers("Jobb\u00adspår 2023-04-30", "[dolt]")).toBe("Jobb\u00adspår 2023-04-30");
  });
});
