/**
 * `utfall validate` speaks Swedish first (issue 9, with issue 8's faults): every problem line and
 * the verdict, with the English text as a gloss. Fixtures are written as bytes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { failureSv } from "../../src/cli/problem-text.ts";

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "utfall-sv-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function validate(name: string, text: string, ...flags: string[]) {
  fs.writeFileSync(path.join(tmp, name), Buffer.from(text, "utf8"));
  const io = memoryIo({ cwd: tmp, env: {} });
  const code = await main(["validate", name, ...flags], io);
  return { code, out: io.out(), err: io.err() };
}

describe("validate's problem lines are Swedish first", () => {
  it("numbers with a point, subtotal rows, missing values, field counts and bad quotes", async () => {
    const r = await validate("huvudbok.csv", [
      "Period;Ansvar;Verksamhet;Konto;Budget;Utfall",
      "2023-01;4510;ekbist;4610;1.000;90",
      "2023-01;4510;ekbist;Summa;1;2",
      "2023-01;;ekbist;4610;7;2",
      "2023-01;4510",
      "2023-02;4510;ekbist;4610;1;2",
    ].join("\n") + "\n");
    expect(r.code).toBe(1);
    const problems = r.out.split("\n").filter((l) => l.startsWith("  huvudbok.csv:"));
    expect(problems).toEqual([
      '  huvudbok.csv:2: kolumn "Budget" (budget): väntade ett belopp i kronor med högst två decimaler (1 234,50) (expected an amount in kronor with at most two decimals (1 234,50)), fick "1.000" (got) (punkt som tusentalsavgränsare? (point as thousands separator?); värdet läses inte (the value is not read))',
      '  huvudbok.csv:3: kolumn "Konto" (account): väntade en datarad, inte en delsumma eller totalrad (expected a data row, not a subtotal or total row), fick "Summa" (got) (delsumma eller totalrad? (subtotal or total row?); raden summeras inte (the row is not summed))',
      '  huvudbok.csv:4: kolumn "Ansvar" (unit): väntade ett värde (kolumnen är obligatorisk) (expected a value (the column is required)) (cellen är tom eller en markering för saknat värde (the cell is empty or a missing marker))',
      "  huvudbok.csv:5: väntade 6 fält (expected 6 fields) (hittade 2 (found 2))",
    ]);
    expect(r.out).toContain("Rader lästa (rows read):      5");
    expect(r.out).toContain("I karantän (quarantined):     4 – rad 2, 3, 4, 5");
    expect(r.out).toContain("Resultat (result):            FEL – 4 rader i karantän (rows quarantined)");
  });

  it("a failed strict load and a missing column say why in Swedish first", async () => {
    const strict = await validate("huvudbok.csv", "Period;Ansvar;Verksamhet;Konto;Budget;Utfall\n2023-01;4510;ekbist;4610;1.5;90\n", "--strict");
    expect(strict.code).toBe(1);
    expect(strict.out).toContain("FEL – läsningen misslyckades (load failed): 1 fel i 1 av 1 rader i strikt läge; utan --strict läggs felaktiga rader i karantän (1 problem(s) in 1 of 1 rows (strict mode;");
    expect(strict.out).toContain("punkt som decimaltecken? (point as decimal separator?)");
    const missing = await validate("mal.csv", "Mål;Från;Till\n150 jobb;2023-01-01;2023-12-31\n");
    expect(missing.out).toContain("FEL – läsningen misslyckades (load failed): obligatoriska kolumner saknas: value (required column(s) missing: value)");
    expect(missing.out).toMatch(/mal\.csv:1: kolumn "Målvärde" \(value\): väntade en kolumn "Målvärde", .* \(expected a column "Målvärde", .*\) \(den obligatoriska kolumnen finns inte i rubrikraden \(required column not found in the header\)\)/);
  });

  it("leaves a reason that is Swedish first already as it is", () => {
    expect(failureSv('kolumner finns två gånger (duplicate columns): "Budget" och "budget" (kolumn 5 och 7)')).toBe('kolumner finns två gånger (duplicate columns): "Budget" och "budget" (kolumn 5 och 7)');
    expect(failureSv("no header row found")).toBe("ingen rubrikrad hittades (no header row found)");
  });
});
