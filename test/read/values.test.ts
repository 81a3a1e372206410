import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FALSE, INVALID, isTick, parseBoolean, TRUE } from "../../src/read/booleans.ts";
import { parseGender } from "../../src/read/gender.ts";
import { EMPTY, MARKED, missingKind, PRESENT, statusOf, SUPPRESSED } from "../../src/read/missing.ts";

describe("missingKind", () => {
  it("tells empty, suppressed (..) and marked (- .) apart from present values, zero included", () => {
    expect(missingKind("")).toBe(EMPTY);
    expect(missingKind("   ")).toBe(EMPTY);
    expect(missingKind("\u00a0")).toBe(EMPTY);
    expect(missingKind("..")).toBe(SUPPRESSED);
    expect(missingKind(" .. ")).toBe(SUPPRESSED);
    expect(missingKind("-")).toBe(MARKED);
    expect(missingKind(".")).toBe(MARKED);
    expect(missingKind("0")).toBe(PRESENT);
    expect(missingKind("0,0")).toBe(PRESENT);
    expect(missingKind("-5")).toBe(PRESENT);
    expect(missingKind("...")).toBe(PRESENT);
    expect(statusOf(SUPPRESSED)).toBe("suppressed");
    expect(statusOf(MARKED)).toBe("missing");
    expect(statusOf(EMPTY)).toBe("missing");
    expect(statusOf(PRESENT)).toBe("ok");
  });
});

describe("parseBoolean", () => {
  it("reads every accepted form", () => {
    for (const s of ["ja", "JA", "Ja", "j", "J", "1", "x", "X", "true", "TRUE", "sant", "Sant", " ja "]) expect(parseBoolean(s), s).toBe(TRUE);
    for (const s of ["nej", "NEJ", "n", "N", "0", "false", "falskt", "Falskt"]) expect(parseBoolean(s), s).toBe(FALSE);
    for (const s of ["2", "kanske", "jaa", "", "nejj"]) expect(parseBoolean(s), s).toBe(INVALID);
    expect(isTick(" X ")).toBe(true);
    expect(isTick("ja")).toBe(false);
  });
});

describe("parseGender", () => {
  it("maps the women and men forms to K and M", () => {
    for (const s of ["K", "k", "kvinna", "Kvinna", "KVINNOR", "F", "female", " K "]) expect(parseGender(s), s).toBe("K");
    for (const s of ["M", "m", "man", "Man", "män", "MÄN", "male"]) expect(parseGender(s), s).toBe("M");
  });
  it("keeps any other value as its own category, trimmed and lower-cased", () => {
    expect(parseGender(" Annat ")).toBe("annat");
    expect(parseGender("Okänt")).toBe("okänt");
    expect(parseGender("X")).toBe("x");
  });
  it("is NFC-normalised: a decomposed ä is the same category, and the same man", () => {
    expect(parseGender("ma\u0308n")).toBe("M");
    expect(parseGender("Oka\u0308nt")).toBe("okänt");
    // The full rule (lower-case, then NFC) on random text: ASCII skips the normalisation only.
    const full = (s: string) => {
      const lower = s.trim().length === 1 && /^[kfm]$/i.test(s) ? null : s.replace(/^[\s\u00a0\u202f\ufeff]+|[\s\u00a0\u202f\ufeff]+$/g, "").toLowerCase().normalize("NFC");
      if (lower === null) return /^[kf]$/i.test(s) ? "K" : "M";
      return ({ k: "K", kvinna: "K", kvinnor: "K", f: "K", female: "K", woman: "K", women: "K", kv: "K", m: "M", man: "M", "män": "M", male: "M", men: "M" } as Record<string, string>)[lower] ?? lower;
    };
    const pieces = ["a", "\u0308", "M", "ä", "n", "Okänt", "X", " ", "k", "v", "é", "e\u0301", "İ", "Å", "A\u030a"];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 2, maxLength: 5 }).map((a) => a.join("")), (s) => parseGender(s) === full(s)), { numRuns: 3000 });
  });
});
