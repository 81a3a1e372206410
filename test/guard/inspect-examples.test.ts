import { describe, expect, it } from "vitest";
import { findIdentityNumbers } from "../../src/guard/identity-numbers.ts";
import { inspectBytes } from "../../src/read/inspect.ts";
import { valid12, writtenForms } from "./fixture.ts";

describe("inspect never shows an identity number as an example", () => {
  const numbers = writtenForms(valid12("19850412", "123")).map(([, w]) => w);
  const coordination = writtenForms(valid12("19900171", "236")).map(([, w]) => w);
  // One row per form: the identity column in that form, and the same kind of number in free text.
  const rows = numbers.map((w, k) => `${w};ring ${coordination[k]} tack;IPS`);
  // A soft hyphen inside the digits, and ordinary values that may be shown.
  rows.push(`${numbers[0]};ring ${coordination[0].slice(0, 4)}\u00ad${coordination[0].slice(4)} tack;AIR`, `${numbers[1]};flytt;IPS`, `${numbers[2]};pension;AIR`, `${numbers[3]};sjukdom;IPS`);
  const text = ["Personnummer;Anteckning;Insats", ...rows, ""].join("\n");
  const r = inspectBytes(new TextEncoder().encode(text), "okand.csv", { referenceYear: 2024 });

  it("infers every written form of the identity column as pnr and gives no examples", () => {
    expect(r.columns[0]).toMatchObject({ header: "Personnummer", inferredType: "pnr", personal: true, examples: [], unparsable: 0 });
  });

  it("skips free-text values that hold a number in any form, and shows the others", () => {
    expect(r.columns[1].examples).toEqual(["flytt", "pension", "sjukdom"]);
    expect(r.columns[2].examples).toEqual(["IPS", "AIR"]);
    const shown = JSON.stringify(r);
    expect(findIdentityNumbers(shown)).toEqual([]);
    for (const w of [...numbers, ...coordination]) expect(shown.includes(w)).toBe(false);
  });
});
