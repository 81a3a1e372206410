// Report tables as HTML (renderTable): units stated once, in the caption or the header, not in
// every cell; short headers as <abbr> with the full label; headers that can wrap at "/". Built
// from the sample exports (data/sample) through the same tables the reports use.
import { beforeAll, describe, expect, it } from "vitest";
import type { TableSpec } from "../../src/charts/types.ts";
import { budgetDeviation } from "../../src/metrics/budget.ts";
import { programmeOutcomes } from "../../src/metrics/outcomes.ts";
import { yearToDate } from "../../src/metrics/period.ts";
import { NBSP, formatCell } from "../../src/render/format.ts";
import { renderTable } from "../../src/render/html.ts";
import { loadForecasts } from "../../src/sources/forecasts.ts";
import { loadLedger } from "../../src/sources/ledger.ts";
import { loadParticipants } from "../../src/sources/participants.ts";
import { loadProgrammes } from "../../src/sources/programmes.ts";
import { budgetTable } from "../../src/tables/budget.ts";
import { outcomesTable } from "../../src/tables/outcomes.ts";

const cells = (html: string) => [...html.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
const headers = (html: string) => [...html.matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((m) => m[1]);
const caption = (html: string) => /<caption id="[^"]*">([^<]*)<\/caption>/.exec(html)?.[1];

describe("renderTable on the sample's tables", () => {
  let budget: TableSpec;
  let outcomes: TableSpec;

  beforeAll(async () => {
    const ledger = (await loadLedger("data/sample/huvudbok.csv")).table;
    const forecasts = (await loadForecasts("data/sample/prognos.csv")).table;
    budget = budgetTable(budgetDeviation(ledger, { period: "2023-04", by: ["unit"], forecasts }), {
      name: "budget-per-ansvar",
      caption: "Budget, utfall och prognos per ansvar, mnkr",
      by: "unit",
      byLabel: "Ansvar",
    });
    const participants = (await loadParticipants("data/sample/deltagare.csv")).table;
    const programmes = (await loadProgrammes("data/sample/insatser.csv")).table;
    outcomes = outcomesTable(programmeOutcomes(participants, { ...yearToDate("2023-04"), by: ["programme"], programmes }), {
      name: "resultat-per-insats",
      caption: "Deltagare och resultat per insats",
      by: "programme",
      byLabel: "Insats",
    });
  }, 60_000);

  it("a money table names its unit once, in the caption, and prints bare numbers with their sign", () => {
    const html = renderTable(budget, "Tabell 1. Budget, utfall och prognos per ansvar, mnkr", "t1");
    expect(caption(html)).toBe("Tabell 1. Budget, utfall och prognos per ansvar, mnkr");
    const shown = cells(html);
    expect(shown.length).toBe(budget.rows.length * 7);
    for (const c of shown) expect(c).not.toContain("mnkr");
    // Every cell is the report's formatting of the value, without the unit.
    const expected = budget.rows.flatMap((r) => budget.columns.slice(1).map((c) => formatCell(r[c.key], c.format).replace(`${NBSP}mnkr`, "")));
    expect(shown).toEqual(expected);
    expect(shown.some((c) => c.startsWith("+"))).toBe(true);
    // A caption that does not name the unit gets it.
    expect(caption(renderTable(budget, "Data för diagram 1", "d1"))).toBe("Data för diagram 1 (belopp i mnkr)");
  });

  it("a table of counts and shares names % in the header of each share column", () => {
    const html = renderTable(outcomes, "Tabell 2. Deltagare och resultat per insats", "t2");
    expect(caption(html)).toBe("Tabell 2. Deltagare och resultat per insats");
    const h = headers(html);
    expect(h).toContain('<abbr title="Andel till arbete eller studier">Andel arb./<wbr>stud.</abbr> <span class="unit">(%)</span>');
    expect(h).toContain('Beläggning <span class="unit">(%)</span>');
    expect(h).toContain('<abbr title="Deltagare annat/okänt kön">Deltagare annat/<wbr>okänt</abbr>');
    expect(h).toContain("Deltagare kvinnor");
    for (const c of cells(html)) expect(c).not.toMatch(/%/);
    // Jobbspåret: the share to work or studies as in the report (a whole percent), without "%".
    const row = outcomes.rows.find((r) => r.group === "JOBBSP")!;
    const share = row.shareWorkOrStudies as number;
    expect(html).toContain(`<td class="num">${formatCell(share, "percent").replace(`${NBSP}%`, "")}</td>`);
  });
});
