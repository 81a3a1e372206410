/**
 * The font metrics tables `npm run build` ships (src/render/fonts.ts, `writeFontTables`): complete
 * for TABLE_CHARS, so that a first run measures ordinary text without parsing a face. Widths from a
 * shipped table are the parsed face's to the last bit, in and outside its characters; ordinary
 * Swedish text parses no face; a table made for another face or damaged is not used. The tests
 * write their own tables (dist/'s are made from the bundled code and never match the source's).
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fontsParsed, measureText, setFontCacheDir, setShippedFontDir, TABLE_CHARS, writeFontTables } from "../../src/render/fonts.ts";

const REGULAR = "DejaVuSans.ttf";
const BOLD = "DejaVuSans-Bold.ttf";
const WEIGHTS = [undefined, "bold"] as const;
const SWEDISH = ["Arbetsmarknadsinsatser – utfall 2023, 1 694 000 kr, 52 %", "ÅÄÖ åäö", "−12,5 % · 3 × 4 ≤ 5 … „citat” ‰ €"];
/**
 * Outside TABLE_CHARS: CJK, emoji, combining marks, Greek, Cyrillic, zero-width characters, and
 * some that DejaVu kerns against characters in it (Ỳ, Ẃ, Ț, Ȳ, U+2010 hyphen).
 */
const OUTSIDE = ["漢", "字", "\u{1F600}", "\u{1F1F8}\u{1F1EA}", "\u0301", "\u0308", "Ω", "≈", "ж", "\u200b", "\u2011", "→", "ǅ", "Ỳ", "Ẃ", "Ț", "Ȳ", "\u2010"];

let dir: string;
let tables: string;
let written: Record<string, string>;
let runs = 0;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "utfall-font-table-test-"));
  chmodSync(dir, 0o700);
  tables = path.join(dir, "tables");
  written = writeFontTables(tables);
});
afterAll(() => {
  setFontCacheDir(undefined);
  setShippedFontDir(undefined);
  rmSync(dir, { recursive: true, force: true });
});

/** A new, empty per-user cache folder (a fresh machine). */
function freshCache(): string {
  return path.join(dir, `cache-${runs++}`);
}

type Sample = [text: string, size: number, weight: string | undefined];

/** Widths with no table at all: every lookup in the parsed face. */
function parsedWidths(samples: Sample[]): number[] {
  setFontCacheDir(null);
  setShippedFontDir(null);
  return samples.map(([t, size, w]) => measureText(t, size, w));
}

/** Widths with an empty per-user cache and the shipped tables in `shipped`; and the faces parsed meanwhile. */
function shippedWidths(samples: Sample[], shipped = tables, cache = freshCache()): { widths: number[]; parsed: number } {
  setFontCacheDir(cache);
  setShippedFontDir(shipped);
  const before = fontsParsed();
  const widths = samples.map(([t, size, w]) => measureText(t, size, w));
  return { widths, parsed: fontsParsed() - before };
}

/** The samples whose widths differ, for a readable failure. */
function mismatches(samples: Sample[], got: number[], want: number[]): [Sample, number, number][] {
  return samples.flatMap((s, i) => (Object.is(got[i], want[i]) ? [] : [[s, got[i], want[i]] as [Sample, number, number]]));
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

const tableChars = [...TABLE_CHARS];
const sizeArb = fc.constantFrom(7, 9.5, 11, 13, 15, 100 / 3);
const weightArb = fc.constantFrom(...WEIGHTS);

describe("a shipped table", () => {
  it("covers the sample reports' characters", () => {
    for (const ch of "–−åäöÅÄÖ\u00a0–—…“”‰€×≤≥±°·\u2009\u202f") expect(tableChars).toContain(ch);
  });

  it("gives the parsed face's width for every pair of its characters, regular and bold, and parses no face", () => {
    const samples: Sample[] = [];
    for (const weight of WEIGHTS) for (const a of tableChars) for (const b of tableChars) samples.push([a + b, 2048, weight]);
    const want = parsedWidths(samples);
    const { widths, parsed } = shippedWidths(samples);
    expect(mismatches(samples, widths, want).slice(0, 5)).toEqual([]);
    expect(parsed).toBe(0);
  });

  it("gives the parsed face's widths for random strings of its characters (fast-check)", () => {
    const arb = fc.tuple(fc.array(fc.constantFrom(...tableChars), { minLength: 1, maxLength: 40 }).map((a) => a.join("")), sizeArb, weightArb);
    const samples = fc.sample(arb, { numRuns: 2000, seed: 20231 }) as Sample[];
    const want = parsedWidths(samples);
    const { widths, parsed } = shippedWidths(samples);
    expect(mismatches(samples, widths, want).slice(0, 5)).toEqual([]);
    expect(parsed).toBe(0);
  });

  it("gives the parsed face's widths for strings with characters outside it (fast-check)", () => {
    const chars = fc.oneof(fc.constantFrom(...tableChars), fc.constantFrom(...OUTSIDE), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }));
    const arb = fc.tuple(fc.array(chars, { minLength: 1, maxLength: 30 }).map((a) => a.join("")), sizeArb, weightArb);
    const samples = fc.sample(arb, { numRuns: 1000, seed: 4711 }) as Sample[];
    // And each outside character next to each inside one, both ways: a pair of glyphs not both in
    // the table must be looked up in the face, not taken as unkerned.
    for (const w of WEIGHTS) for (const o of OUTSIDE) for (const t of tableChars) samples.push([o + t + o, 2048, w]);
    const want = parsedWidths(samples);
    const { widths } = shippedWidths(samples);
    expect(mismatches(samples, widths, want).slice(0, 5)).toEqual([]);
  });

  it("measures Swedish report text without parsing a face; a character outside it parses the face", () => {
    const samples = SWEDISH.flatMap((t) => WEIGHTS.map((w): Sample => [t, 11, w]));
    const want = parsedWidths(samples);
    const cache = freshCache();
    const { widths, parsed } = shippedWidths(samples, tables, cache);
    expect(widths).toEqual(want);
    expect(parsed).toBe(0);
    const before = fontsParsed();
    measureText("Utfall 漢", 11);
    expect(fontsParsed()).toBe(before + 1); // the regular face, for 漢 and its pairs
    measureText("Utfall 漢", 11, "bold");
    expect(fontsParsed()).toBe(before + 2);
  });

  it("is read under a per-user cache that holds only what the table lacks", async () => {
    const cache = freshCache();
    const samples: Sample[] = [...SWEDISH, "Utfall 漢字 \u{1F600}"].flatMap((t) => WEIGHTS.map((w): Sample => [t, 11, w]));
    const want = parsedWidths(samples);
    expect(shippedWidths(samples, tables, cache).widths).toEqual(want);
    await settle();
    const kept = readdirSync(cache).filter((f) => f.endsWith(".json"));
    expect(kept.sort()).toEqual(Object.values(written).map((f) => path.basename(f)).sort());
    for (const f of kept) {
      const t = JSON.parse(readFileSync(path.join(cache, f), "utf8")) as { chars: [string, number, number][] };
      expect(t.chars.map(([ch]) => ch).filter((ch) => TABLE_CHARS.includes(ch))).toEqual([]);
    }
    // A second run: the cache and the table together measure it all, no parse.
    const again = shippedWidths(samples, tables, cache);
    expect(again.widths).toEqual(want);
    expect(again.parsed).toBe(0);
  });
});

describe("a shipped table that does not fit is not used", () => {
  const samples: Sample[] = [...SWEDISH, "AVAVAV Tå Vä Yo LT"].flatMap((t) => WEIGHTS.map((w): Sample => [t, 13, w]));

  /** Tables in a new folder, `edit` applied to each file's text (by TTF file name). */
  function editedTables(edit: (text: string, face: string, other: string) => string): string {
    const out = path.join(dir, `edited-${runs++}`);
    const texts = Object.fromEntries(Object.entries(written).map(([face, f]) => [face, readFileSync(f, "utf8")]));
    mkdirSync(out);
    for (const [face, f] of Object.entries(written)) writeFileSync(path.join(out, path.basename(f)), edit(texts[face]!, face, texts[face === REGULAR ? BOLD : REGULAR]!));
    return out;
  }

  it.each<[string, (text: string, face: string, other: string) => string]>([
    ["made for the other face (regular's and bold's swapped)", (_t, _f, other) => other],
    ["made for other code or fonts (another key inside)", (t) => t.replace(/"key":"[0-9a-f]+"/, `"key":"${"0".repeat(64)}"`)],
    ["not marked complete (a per-user cache file)", (t) => t.replace(`"complete":true,`, "")],
    ["cut short", (t) => t.slice(0, t.length >> 1)],
    ["damaged (a width that is not a number)", (t) => t.replace(/\["A",(\d+),(\d+)\]/, '["A",$1,"$2"]')],
  ])("%s: the face is parsed, widths are the parsed face's", (_name, edit) => {
    const want = parsedWidths(samples);
    const { widths, parsed } = shippedWidths(samples, editedTables(edit));
    expect(widths).toEqual(want);
    expect(parsed).toBe(2);
  });

  it("the unedited copy is used (the cases above test the edit)", () => {
    const { widths, parsed } = shippedWidths(samples, editedTables((t) => t));
    expect(widths).toEqual(parsedWidths(samples));
    expect(parsed).toBe(0);
  });
});
