/**
 * The space test every parser uses (src/read/chars.ts): exactly space, tab, CR, LF, no-break
 * space, narrow no-break space and the byte order mark, over every code point (it takes a short
 * path for the characters most cells hold).
 */
import { expect, it } from "vitest";
import { isSpace, trimValue } from "../../src/read/chars.ts";

const SPACES = [0x20, 0x09, 0x0d, 0x0a, 0xa0, 0x202f, 0xfeff];

it("isSpace holds for exactly the seven space characters, over every code point", () => {
  const found: number[] = [];
  for (let c = 0; c <= 0x10ffff; c++) if (isSpace(c)) found.push(c);
  expect(found).toEqual([...SPACES].sort((a, b) => a - b));
  expect(isSpace(NaN)).toBe(false); // charCodeAt past the end
});

it("trimValue trims those characters and keeps every other, including other Unicode spaces", () => {
  expect(trimValue("\ufeff\u00a0 Åsa\u202f\t\r\n")).toBe("Åsa");
  expect(trimValue("\u2003x\u3000")).toBe("\u2003x\u3000");
  const same = "Arbetsmarknadsenheten";
  expect(trimValue(same)).toBe(same);
});
