/**
 * Identity numbers written with characters a reader does not see (default-ignorable code points,
 * format characters, combining marks, astral ones too) or reads as digits (fullwidth,
 * mathematical, circled, Arabic-Indic, … digits) are found by all three guards: the load-time cell
 * check, the output scan and the message mask; and the mask replaces the whole original span.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellHoldsIdentityNumber } from "../../src/guard/cell-check.ts";
import { findIdentityNumbers } from "../../src/guard/identity-numbers.ts";
import { assertNoIdentityNumbers, IdentityNumberInOutputError, scanOutputs } from "../../src/guard/scan-outputs.ts";
import { firstInvisible, isInvisible, plainView, visibleText, visibleView } from "../../src/guard/text-views.ts";
import { containsPnrLike } from "../../src/read/pnr.ts";
import { REDACTED, redact } from "../../src/read/redact.ts";
import { checkDigit } from "../read/helpers.ts";

/** 19900803-0489 (valid) and a coordination number, 12 digits each. */
const P12 = `19900803048${checkDigit("900803048")}`;
const C12 = `19900171236${checkDigit("900171236")}`;

const enc = new TextEncoder();
const cp = (c: number) => String.fromCodePoint(c);
const hex = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")).join(" ");

/** Written forms of 12 digits: [name, digits and separators as ASCII]. */
function forms(d12: string): [string, string][] {
  const [y, m, d, n] = [d12.slice(0, 4), d12.slice(4, 6), d12.slice(6, 8), d12.slice(8)];
  return [
    ["YYYYMMDD-NNNN", `${y}${m}${d}-${n}`],
    ["YYMMDD-NNNN", `${y.slice(2)}${m}${d}-${n}`],
    ["YYYYMMDDNNNN", d12],
    ["YYMMDDNNNN", d12.slice(2)],
    ["YYMMDD+NNNN", `${y.slice(2)}${m}${d}+${n}`],
    ["YYYYMMDD NNNN", `${y}${m}${d} ${n}`],
    ["YYYY-MM-DD-NNNN", `${y}-${m}-${d}-${n}`],
    ["YY-MM-DD NNNN", `${y.slice(2)}-${m}-${d} ${n}`],
  ];
}

/** Invisible characters the review found passing the guards, and their kin. */
const INVISIBLE: [string, number][] = [
  ["TAG SPACE", 0xe0020],
  ["LANGUAGE TAG", 0xe0001],
  ["CANCEL TAG", 0xe007f],
  ["VARIATION SELECTOR-17", 0xe0100],
  ["unassigned default-ignorable U+E0FFF", 0xe0fff],
  ["KHMER VOWEL INHERENT AQ", 0x17b4],
  ["KHMER VOWEL INHERENT AA", 0x17b5],
  ["HANGUL CHOSEONG FILLER", 0x115f],
  ["HANGUL JUNGSEONG FILLER", 0x1160],
  ["HANGUL FILLER", 0x3164],
  ["HALFWIDTH HANGUL FILLER", 0xffa0],
  ["U+FFF0", 0xfff0],
  ["U+FFF8", 0xfff8],
  ["SHORTHAND FORMAT LETTER OVERLAP", 0x1bca0],
  ["SHORTHAND FORMAT UP STEP", 0x1bca3],
  ["MUSICAL SYMBOL BEGIN BEAM", 0x1d173],
  ["MUSICAL SYMBOL END PHRASE", 0x1d17a],
  ["INTERLINEAR ANNOTATION ANCHOR (format, not default-ignorable)", 0xfff9],
  ["ARABIC NUMBER SIGN (format)", 0x0600],
  ["EGYPTIAN HIEROGLYPH VERTICAL JOINER (format)", 0x13430],
  // Those the guards knew before, for comparison.
  ["SOFT HYPHEN", 0xad],
  ["ZERO WIDTH SPACE", 0x200b],
  ["WORD JOINER", 0x2060],
];

/** Combining marks (Mn, Me, Mc; BMP and astral). */
const MARKS: [string, number][] = [
  ["COMBINING LOW LINE", 0x0332],
  ["COMBINING ACUTE ACCENT", 0x0301],
  ["COMBINING ENCLOSING CIRCLE (Me)", 0x20dd],
  ["COMBINING ENCLOSING KEYCAP (Me)", 0x20e3],
  ["COMBINING LONG STROKE OVERLAY", 0x0336],
  ["DEVANAGARI SIGN VISARGA (Mc)", 0x0903],
  ["MUSICAL SYMBOL COMBINING STEM (astral Mc)", 0x1d165],
  ["MENDE KIKAKUI COMBINING NUMBER TEENS (astral Mn)", 0x1e8d0],
  ["COMBINING HALF MARK LIGATURE LEFT", 0xfe20],
];

/** Digits a reader reads as digits: [name, code point of zero]. */
const DIGIT_SETS: [string, number][] = [
  ["FULLWIDTH", 0xff10],
  ["MATHEMATICAL BOLD", 0x1d7ce],
  ["MATHEMATICAL DOUBLE-STRUCK", 0x1d7d8],
  ["MATHEMATICAL SANS-SERIF", 0x1d7e2],
  ["MATHEMATICAL SANS-SERIF BOLD", 0x1d7ec],
  ["MATHEMATICAL MONOSPACE", 0x1d7f6],
  ["SEGMENTED", 0x1fbf0],
  ["ARABIC-INDIC", 0x0660],
  ["EXTENDED ARABIC-INDIC", 0x06f0],
  ["DEVANAGARI", 0x0966],
  ["THAI", 0x0e50],
];

/** Digits of other shapes, 0–9 each. */
const DIGIT_TABLES: [string, string[]][] = [
  ["SUPERSCRIPT", ["\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074", "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"]],
  ["SUBSCRIPT", Array.from({ length: 10 }, (_, k) => cp(0x2080 + k))],
  ["CIRCLED", ["\u24ea", ...Array.from({ length: 9 }, (_, k) => cp(0x2460 + k))]],
  ["DINGBAT NEGATIVE CIRCLED", ["\u24ff", ...Array.from({ length: 9 }, (_, k) => cp(0x2776 + k))]],
  ["DINGBAT CIRCLED SANS-SERIF", ["\u{1f10b}", ...Array.from({ length: 9 }, (_, k) => cp(0x2780 + k))]],
  ["KEYCAP", Array.from({ length: 10 }, (_, k) => `${k}\ufe0f\u20e3`)],
];

/** Separators read as `-`, `+`: fullwidth and small forms. */
const DASHES: [string, string][] = [
  ["FULLWIDTH HYPHEN-MINUS", "\uff0d"],
  ["SMALL HYPHEN-MINUS", "\ufe63"],
];

/** `written` (ASCII digits and separators) with its digits drawn from `digits`. */
function restyle(written: string, digits: readonly string[], dash = "-", plus = "+"): string {
  return [...written].map((c) => (c >= "0" && c <= "9" ? digits[Number(c)] : c === "-" ? dash : c === "+" ? plus : c)).join("");
}

/** `written` with `insert` after its `k`-th code point. */
function insertAt(written: string, k: number, insert: string): string {
  const cps = [...written];
  return cps.slice(0, k).join("") + insert + cps.slice(k).join("");
}

/** The ways an invisible character sits inside a written number. */
function hidings(written: string, ch: string): [string, string][] {
  const cps = [...written];
  const dateEnd = cps.findIndex((c, k) => k >= 6 && !/[0-9]/.test(c) && (k === 6 || k === 8 || k === 10));
  const out: [string, string][] = [
    ["between the first two digits", insertAt(written, 1, ch)],
    ["inside the date", insertAt(written, 4, ch)],
    ["before the last digit", insertAt(written, cps.length - 1, ch)],
    ["after every character but the last", cps.map((c, k) => (k < cps.length - 1 ? c + ch : c)).join("")],
  ];
  if (dateEnd > 0) {
    out.push(["between date and separator", insertAt(written, dateEnd, ch)]);
    out.push(["between separator and serial", insertAt(written, dateEnd + 1, ch)]);
  } else {
    // No separator: between date and serial.
    out.push(["between date and serial", insertAt(written, cps.length - 4, ch)]);
  }
  return out;
}

/** All three guards see `hidden` as an identity number, and the mask replaces all of it. */
function expectCaught(hidden: string, label: string, coordination = false): void {
  const what = `${label}: ${hex(hidden)}`;
  const cell = `Kontakt ${hidden} ang. Jobbspåret`;
  expect(cellHoldsIdentityNumber(cell), what).toBe(true);
  expect(containsPnrLike(cell), what).toBe(true);
  expect(redact(`före ${hidden} efter`), what).toBe(`före ${REDACTED} efter`);
  expect(redact(hidden), what).toBe(REDACTED);
  const scan = scanOutputs(
    new Map([
      ["a.txt", enc.encode(`rad ett\nring ${hidden}\n`)],
      ["b.html", enc.encode(`<p>ring ${hidden}</p>`)],
      ["c.json", enc.encode(JSON.stringify({ text: `ring ${hidden}` }))],
      [`d/${hidden}.csv`, enc.encode("Insats\r\nJOBBSP\r\n")],
    ]),
  );
  expect(scan.findings, what).toEqual([
    { file: "a.txt", location: { kind: "text", line: 2, column: 6 }, coordination },
    { file: "b.html", location: { kind: "text", line: 1, column: 9 }, coordination },
    { file: "c.json", location: { kind: "text", line: 1, column: 15 }, coordination },
    { file: `d/${hidden}.csv`, location: { kind: "path" }, coordination },
  ]);
}

describe("invisible characters inside an identity number", () => {
  for (const [name, c] of INVISIBLE) {
    it(`${name} (U+${c.toString(16).toUpperCase()}) hides nothing`, () => {
      for (const [form, written] of forms(P12)) {
        for (const [where, hidden] of hidings(written, cp(c))) expectCaught(hidden, `${form}, ${where}`);
      }
      for (const [form, written] of forms(C12)) expectCaught(insertAt(written, 4, cp(c)), `coordination ${form}`, true);
    });
  }

  it("the review's example: kontakt 1990\\u{E0020}0803-0489", () => {
    const text = `kontakt ${P12.slice(0, 4)}\u{e0020}${P12.slice(4, 8)}-${P12.slice(8)}`;
    expect(cellHoldsIdentityNumber(text)).toBe(true);
    expect(redact(text)).toBe(`kontakt ${REDACTED}`);
    expect(() => assertNoIdentityNumbers(new Map([["index.html", enc.encode(`<p>${text}</p>`)]]))).toThrow(IdentityNumberInOutputError);
  });

  it("written as character references in markup and as escapes in JSON", () => {
    const [a, b] = [P12.slice(0, 8), P12.slice(8)];
    const scan = scanOutputs(
      new Map([
        ["a.html", enc.encode(`<p>x ${a.slice(0, 4)}&#xE0020;${a.slice(4)}&#x3164;-${b}</p>`)],
        ["b.svg", enc.encode(`<text>${a}&#917536;-&#x17B4;${b}</text>`)],
        ["c.json", enc.encode(`{"v": "${a}\\uDB40\\uDC20-${b}"}`)],
      ]),
    );
    expect(scan.findings.map((f) => f.file)).toEqual(["a.html", "b.svg", "c.json"]);
  });
});

describe("combining marks on the digits", () => {
  for (const [name, c] of MARKS) {
    it(`${name} (U+${c.toString(16).toUpperCase()}) hides nothing`, () => {
      for (const [form, written] of forms(P12)) {
        // After every character, the last one too: the mark on the last digit is masked with it.
        expectCaught([...written].map((ch) => ch + cp(c)).join(""), `${form}, after every character`);
        for (const [where, hidden] of hidings(written, cp(c))) expectCaught(hidden, `${form}, ${where}`);
      }
    });
  }

  it("several marks on one digit, and a keycap on every digit", () => {
    expectCaught([...`${P12.slice(0, 8)}-${P12.slice(8)}`].map((ch) => `${ch}\u0332\u0301\u20dd`).join(""), "three marks");
    expectCaught([...P12.slice(2)].map((ch) => `${ch}\ufe0f\u20e3`).join(""), "keycaps");
  });
});

describe("digits and dashes a reader reads as ASCII ones", () => {
  for (const [name, zero] of DIGIT_SETS) {
    it(`${name} digits (U+${zero.toString(16).toUpperCase()}…)`, () => {
      const digits = Array.from({ length: 10 }, (_, k) => cp(zero + k));
      for (const [form, written] of forms(P12)) {
        expectCaught(restyle(written, digits), form);
        // Mixed with ASCII digits.
        expectCaught(restyle(written.slice(0, 5), digits) + written.slice(5), `${form}, mixed`);
      }
      for (const [form, written] of forms(C12)) expectCaught(restyle(written, digits), `coordination ${form}`, true);
    });
  }

  for (const [name, digits] of DIGIT_TABLES) {
    it(`${name} digits`, () => {
      for (const [form, written] of forms(P12)) expectCaught(restyle(written, digits), form);
    });
  }

  it("fullwidth digits with a fullwidth or small hyphen, and fullwidth plus", () => {
    const fullwidth = Array.from({ length: 10 }, (_, k) => cp(0xff10 + k));
    for (const [dashName, dash] of DASHES) {
      for (const [form, written] of forms(P12)) expectCaught(restyle(written, fullwidth, dash, "\uff0b"), `${form} with ${dashName}`);
    }
    expect(P12).toBe("199008030489");
    expectCaught("１９９００８０３－０４８９", "the review's example");
    expectCaught("９００８０３－０４８９", "the review's example, ten digits");
    expect(cellHoldsIdentityNumber(`kontakt ${restyle(`${P12.slice(0, 8)}-${P12.slice(8)}`, fullwidth, "\uff0d")}`)).toBe(true);
  });

  it("two-digit circled numbers: fewer than ten characters that read as ten digits", () => {
    expect(P12.slice(2)).toBe("9008030489");
    const short = "\u2468\u24ea\u24ea\u2467\u24ea\u325a\u32bd\u2468"; // ⑨⓪⓪⑧⓪㉚㊽⑨
    expect(short.length).toBeLessThan(10);
    expect(visibleText(short)).toBe(P12.slice(2));
    expectCaught(short, "circled 30 and 48");
  });

  it("invisible characters and marks together with look-alike digits", () => {
    const bold = Array.from({ length: 10 }, (_, k) => cp(0x1d7ce + k));
    const written = restyle(`${P12.slice(0, 8)}-${P12.slice(8)}`, bold);
    expectCaught(insertAt(insertAt(written, 8, "\u{e0020}\u0332"), 3, "\u3164"), "bold, tag space, low line, filler");
  });

  it("a wrong check digit in look-alike digits is still masked in messages, but no identity number", () => {
    const fullwidth = Array.from({ length: 10 }, (_, k) => cp(0xff10 + k));
    const wrong = P12.slice(0, 11) + String((Number(P12[11]) + 1) % 10);
    const written = restyle(`${wrong.slice(0, 8)}-${wrong.slice(8)}`, fullwidth, "\uff0d");
    expect(cellHoldsIdentityNumber(`x ${written}`)).toBe(false);
    expect(scanOutputs(new Map([["a.txt", enc.encode(written)]])).findings).toEqual([]);
    expect(redact(`x ${written} y`)).toBe(`x ${REDACTED} y`);
  });
});

describe("the reader's view and its map", () => {
  it("maps each view character to where its code point starts, also for astral characters and expansions", () => {
    const text = "a\u{1d7cf}\u{e0020}\u2473b\u0301c";
    const view = visibleView(plainView(text));
    expect(view.text).toBe("a120bc");
    expect(Array.from(view.map)).toEqual([0, 1, 5, 5, 6, 8, 9]);
    expect(visibleText(text)).toBe("a120bc");
  });

  it("leaves ordinary text as it is, and finds that on the fast path", () => {
    for (const s of ["Jobbspåret – Örebro, ”Steg till arbete” … 1 200 €; ÅÄÖ åäö é ü ß ø æ", "tab\tradbrytning\r\n", "emoji 😀 och 🇸🇪", ""]) {
      expect(firstInvisible(s), s).toBe(-1);
      expect(visibleText(s)).toBe(s);
    }
    expect(firstInvisible("ab\u{e0020}")).toBe(2);
    expect(firstInvisible("a😀\u0301")).toBe(3);
    expect(isInvisible(0xe0020)).toBe(true);
    expect(isInvisible(0x0332)).toBe(true);
    expect(isInvisible(0x41)).toBe(false);
  });

  it("agrees with Unicode for every code point: drops default-ignorables, format characters, marks and controls; reads digits as digits", () => {
    const dropped = /^[\p{Default_Ignorable_Code_Point}\p{Cf}\p{M}\p{Cc}]$/u;
    const nd = /^\p{Nd}$/u;
    const bad: string[] = [];
    for (let c = 0; c <= 0xe0fff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if (c === 0x30000) c = 0xe0000; // planes 3–13 hold nothing of either kind
      const ch = cp(c);
      const seen = visibleText(ch);
      const fast = firstInvisible(ch) === -1;
      if (fast !== (seen === ch)) bad.push(`${hex(ch)}: fast path ${fast}, view ${hex(seen)}`);
      if (c === 9 || c === 10 || c === 13) {
        if (seen !== ch) bad.push(`${hex(ch)} changed`);
      } else if (dropped.test(ch)) {
        if (seen !== "") bad.push(`${hex(ch)} kept`);
      } else if (nd.test(ch)) {
        if (!/^[0-9]$/.test(seen)) bad.push(`${hex(ch)} not a digit: ${hex(seen)}`);
        const nfkc = ch.normalize("NFKC");
        if (/^[0-9]$/.test(nfkc) && seen !== nfkc) bad.push(`${hex(ch)}: ${hex(seen)}, NFKC ${hex(nfkc)}`);
      } else {
        const nfkc = ch.normalize("NFKC");
        if (nfkc !== ch && (/[0-9]/.test(nfkc) || nfkc === "-" || nfkc === "+" || nfkc === "/")) {
          if (seen !== nfkc) bad.push(`${hex(ch)}: ${hex(seen)}, NFKC ${hex(nfkc)}`);
        } else if (c === 0x2800) {
          if (seen !== " ") bad.push(`${hex(ch)}: ${hex(seen)}`);
        } else if (/^[\u24eb-\u24ff\u2776-\u2793\u3248-\u324f\u{1f10b}\u{1f10c}]$/u.test(ch)) {
          if (!/^[0-9]{1,2}$/.test(seen)) bad.push(`${hex(ch)}: ${hex(seen)}`);
        } else if (seen !== ch) bad.push(`${hex(ch)} changed to ${hex(seen)}`);
      }
      if (bad.length > 20) break;
    }
    expect(bad).toEqual([]);
  });

  it("keeps text around a masked number exactly, and text without one unchanged", () => {
    const hidden = `${P12.slice(0, 4)}\u{e0020}${P12.slice(4, 8)}-${P12.slice(8)}`;
    const around = ["\u{e0020}före\u0301 ", "\u200b", " \u3164efter\u{e0020}"];
    expect(redact(`${around[0]}${around[1]}${hidden}${around[1]}${around[2]}`)).toBe(`${around[0]}${around[1]}${REDACTED}${around[1]}${around[2]}`);
    for (const s of [
      "Jobb\u{e0020}spåret 2023-04-30 \u3164 kl. 12:00",
      "Avslut\u0332 2023\u{e0020}-01-01 – 2023-12-31, 1\u0301 200 kr",
      "ｍ² ①②③ 𝟏𝟐𝟑 ١٢٣ \u17b4\u115f\u1160\uffa0\ufff0\u{1bca0}\u{1d173}",
    ]) {
      expect(redact(s), hex(s)).toBe(s);
      expect(cellHoldsIdentityNumber(s), hex(s)).toBe(false);
      expect(scanOutputs(new Map([["a.txt", enc.encode(s)]])).findings).toEqual([]);
    }
  });
});

describe("properties", () => {
  /** Characters a reader does not see, BMP and astral. */
  const invisible = fc.oneof(
    fc.constantFrom(...INVISIBLE.map(([, c]) => c), ...MARKS.map(([, c]) => c), 0x34f, 0x61c, 0x180e, 0x200d, 0x2066, 0xfe0f, 0xfeff),
    fc.integer({ min: 0xe0000, max: 0xe0fff }),
    fc.integer({ min: 0x0300, max: 0x036f }),
    fc.integer({ min: 0x20d0, max: 0x20f0 }),
    fc.integer({ min: 0x1d165, max: 0x1d169 }),
    fc.integer({ min: 0x1d173, max: 0x1d17a }),
    fc.integer({ min: 0x1bca0, max: 0x1bca3 }),
  ).map(cp);

  /** A valid identity or coordination number's 12 digits. */
  const number = fc
    .record({
      year: fc.integer({ min: 1900, max: 2024 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      coordination: fc.boolean(),
      serial: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ year, month, day, coordination, serial }) => {
      const date = `${year}${String(month).padStart(2, "0")}${String(day + (coordination ? 60 : 0)).padStart(2, "0")}`;
      const s3 = String(serial).padStart(3, "0");
      return { d12: `${date}${s3}${checkDigit(date.slice(2) + s3)}`, coordination };
    });

  const digitStyle = fc.constantFrom<readonly string[]>(
    Array.from({ length: 10 }, (_, k) => String(k)),
    ...DIGIT_SETS.map(([, zero]) => Array.from({ length: 10 }, (_, k) => cp(zero + k))),
    ...DIGIT_TABLES.map(([, digits]) => digits),
  );

  it("inserting invisible characters and marks anywhere inside a number, in any form and digits, hides nothing", () => {
    fc.assert(
      fc.property(
        number,
        fc.integer({ min: 0, max: 7 }),
        digitStyle,
        fc.constantFrom("-", "\uff0d", "\ufe63"),
        fc.array(fc.tuple(fc.nat(), fc.array(invisible, { minLength: 1, maxLength: 3 }).map((a) => a.join(""))), { minLength: 1, maxLength: 6 }),
        ({ d12, coordination }, formIndex, digits, dash, inserts) => {
          const [form, ascii] = forms(d12)[formIndex];
          let cps = [...restyle(ascii, digits, dash)];
          for (const [at, what] of inserts) {
            const k = 1 + (at % (cps.length - 1)); // strictly inside: after the first, before the last character
            cps = [...cps.slice(0, k), what, ...cps.slice(k)];
          }
          const hidden = cps.join("");
          const what = `${form}: ${hex(hidden)}`;
          expect(cellHoldsIdentityNumber(`Kontakt: ${hidden}.`), what).toBe(true);
          expect(redact(`Kontakt: ${hidden}.`), what).toBe(`Kontakt: ${REDACTED}.`);
          const scan = scanOutputs(new Map([["a.txt", enc.encode(`x\nKontakt: ${hidden}.`)]]));
          expect(scan.findings, what).toEqual([{ file: "a.txt", location: { kind: "text", line: 2, column: 10 }, coordination }]);
          expect(findIdentityNumbers(visibleText(hidden)), what).toHaveLength(1);
        },
      ),
      { numRuns: 1500, seed: 11 },
    );
  });

  it("Swedish text with invisible characters and marks but no number is unchanged by redact and passes the guards", () => {
    const words = fc.constantFrom("Jobbspåret", "deltagare", "Örebro", "Malmö", "avslut", "kr", "–", "2023-04-30", "12 500", "kl. 12:00", "8,5", "1 200", "ÅÄÖ", "”Steg”", "v. 12");
    fc.assert(
      fc.property(fc.array(fc.tuple(words, fc.option(invisible, { nil: "" })), { minLength: 1, maxLength: 12 }), (parts) => {
        const text = parts.map(([w, inv]) => w + inv).join(" ");
        expect(redact(text), hex(text)).toBe(text);
        expect(cellHoldsIdentityNumber(text), hex(text)).toBe(false);
        expect(scanOutputs(new Map([["a.txt", enc.encode(text)]])).findings, hex(text)).toEqual([]);
      }),
      { numRuns: 1000, seed: 5 },
    );
  });
});
