import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isSubtotalLabel, isSubtotalLabelByRules } from "../../src/read/subtotal.ts";

// Pieces of labels and of data cells, in any case, with the whitespace the rules treat specially.
const PIECES = ["summa", "SUMMA", "Delsumma", "totalt", "TOTAL", "Totalsumma", "s:a", "S:A", "sum", "Subtotal", "grand", "Grand",
  "total", ":", " ", "  ", "\t", "\u00a0", "\u2003", "4510", "2023-04", "x", "Arbetsträning", "AME", "İ", "ſ", "\u212a", "\u001a",
  "mma", "alt", "tal", "sub", "gra", "del", "tot", "a", "s", "ä", "Ó", "1"];

describe("isSubtotalLabel: the quick test never turns a label away", () => {
  it("gives the rules' answer for random cells built from label pieces", () => {
    const cell = fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((a) => a.join(""));
    fc.assert(fc.property(cell, (c) => isSubtotalLabel(c) === isSubtotalLabelByRules(c)), { numRuns: 20_000 });
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 12 }), (c) => isSubtotalLabel(c) === isSubtotalLabelByRules(c)), { numRuns: 5_000 });
  });

  it("knows the labels of the header comment and leaves data alone", () => {
    for (const c of ["Summa", "TOTALT:", "s:a", "Summa 4510", "S:a 4xx1", "Totalt: 2023-04", "4510 Summa", "Arbetsträning Summa", "\u00a0summa", " Grand total 2023 "])
      expect([c, isSubtotalLabel(c)]).toEqual([c, true]);
    for (const c of ["Totalt i arbete", "Summa av allt", "studier", "Arbetsförmedlingen", "Sum 12 34", "summa\u00a0"])
      expect([c, isSubtotalLabel(c)]).toEqual([c, false]);
  });
});
