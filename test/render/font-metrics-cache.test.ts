/**
 * Text measurement keeps what it looked up in the font (glyph, advance width, kerning) in a
 * per-user cache folder (src/render/fonts.ts): widths are the same with and without it, a run
 * that measures what an earlier one did parses no font, and a folder others can write to is not
 * used.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, expect, it } from "vitest";
import { fontsParsed, measureText, setFontCacheDir } from "../../src/render/fonts.ts";

const TEXTS: [string, number, string?][] = [
  ["Arbetsmarknadsutbildning för nyanlända vuxna", 11],
  ["AVAVAV Tå Vä Yo LT", 13],
  ["−1 234,5 mnkr – 12 %", 11, "bold"],
  ["Ekonomiskt bistånd, januari–april 2023", 15, "bold"],
  ["漢字 \u{1F600} \u00ad\u200b", 11],
  ["", 11],
];
const widths = () => TEXTS.map(([t, size, weight]) => measureText(t, size, weight));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "utfall-font-cache-test-"));
  chmodSync(dir, 0o700);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
afterAll(() => setFontCacheDir(undefined));

const settle = () => new Promise((resolve) => setImmediate(resolve));
const files = (d: string) => (existsSync(d) ? readdirSync(d).filter((f) => f.endsWith(".json")) : []);

it("measures the same with no cache, a new one and a kept one, and parses no font from a kept one", async () => {
  setFontCacheDir(null);
  const expected = widths();
  const cache = path.join(dir, "fonts");
  setFontCacheDir(cache);
  expect(widths()).toEqual(expected);
  await settle();
  expect(files(cache)).toHaveLength(2); // regular and bold
  setFontCacheDir(cache); // a new run
  const before = fontsParsed();
  expect(widths()).toEqual(expected);
  expect(fontsParsed()).toBe(before);
  // Something new is looked up in the font, and kept too.
  expect(measureText("Ω≈ç", 11)).toBeGreaterThan(0);
  expect(fontsParsed()).toBe(before + 1);
  await settle();
  setFontCacheDir(null);
  const omega = measureText("Ω≈ç", 11);
  setFontCacheDir(cache);
  const again = fontsParsed();
  expect(measureText("Ω≈ç", 11)).toBe(omega);
  expect(fontsParsed()).toBe(again);
});

it("reads what the folder holds, and ignores a damaged file", async () => {
  const cache = path.join(dir, "fonts");
  setFontCacheDir(cache);
  const a = measureText("A", 10);
  await settle();
  const file = files(cache).find((f) => readFileSync(path.join(cache, f), "utf8").includes('"A"'))!;
  const table = JSON.parse(readFileSync(path.join(cache, file), "utf8")) as { chars: [string, number, number][] };
  table.chars = table.chars.map(([ch, g, w]) => [ch, g, ch === "A" ? w * 2 : w]);
  writeFileSync(path.join(cache, file), JSON.stringify(table));
  setFontCacheDir(cache);
  expect(measureText("A", 10)).toBeCloseTo(2 * a, 9);
  for (const damaged of ["{", JSON.stringify({ ...table, unitsPerEm: "2048" }), JSON.stringify({ ...table, chars: [["AB", 1, 2]] })]) {
    writeFileSync(path.join(cache, file), damaged);
    setFontCacheDir(cache);
    expect(measureText("A", 10)).toBe(a);
  }
});

it.each([
  ["group", 0o770],
  ["others", 0o707],
])("does not use a folder that %s can write to", async (_who, mode) => {
  setFontCacheDir(null);
  const a = measureText("A", 10);
  const cache = path.join(dir, "shared");
  mkdirSync(cache);
  chmodSync(cache, mode);
  setFontCacheDir(cache);
  expect(measureText("A", 10)).toBe(a);
  await settle();
  expect(files(cache)).toEqual([]);
  // Nor a table someone put there (named as a kept one would be).
  const own = path.join(dir, "own");
  setFontCacheDir(own);
  measureText("A", 10);
  await settle();
  for (const f of files(own)) {
    const t = JSON.parse(readFileSync(path.join(own, f), "utf8")) as { chars: [string, number, number][] };
    t.chars = t.chars.map(([ch, g, w]) => [ch, g, w * 3]);
    writeFileSync(path.join(cache, f), JSON.stringify(t));
  }
  setFontCacheDir(cache);
  expect(measureText("A", 10)).toBe(a);
});
