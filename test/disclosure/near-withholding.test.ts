// The suppression loop against earlier publications (protect.ts, commit 3d277d7): when no single
// further hidden cell protects a count, the hidden cells within two steps of it are withheld
// first, and no more cell is hidden.
import { describe, expect, it } from "vitest";
import { checkIntervals, type PublishedCell } from "../../src/disclosure/attacker.ts";
import { publicationRecord, publishedView, unknownCells, type PublicationRecord } from "../../src/disclosure/history.ts";
import { protectJointly } from "../../src/disclosure/joint.ts";
import { DisclosureModel, type Relation } from "../../src/disclosure/model.ts";
import { protect, type Protection } from "../../src/disclosure/protect.ts";

const TOTAL = "jobb|n||T";
const Y2020 = "jobb|n|year=2020|T";
const Y2021 = "jobb|n|year=2021|T";
const Y2023 = "jobb|n|year=2023|T";

/** A table of years and their total (as history.test.ts builds it). */
function yearsModel(values: Record<string, number>): DisclosureModel {
  const m = new DisclosureModel();
  const ids = Object.keys(values).map((k) => `jobb|n|year=${k}|T`);
  m.addCell(TOTAL, Object.values(values).reduce((a, b) => a + b, 0), "jobb: totalt", true);
  Object.entries(values).forEach(([k, v], i) => m.addCell(ids[i], v, `jobb: ${k}`));
  m.relate(TOTAL, ids, "rader och totalrad");
  return m;
}

// January: 2020 has 5, 2021 nobody, the new year 2 (small); the total is 7.
const JANUARY = { 2020: 5, 2021: 0, 2023: 2 };

/** Another report of January, published earlier, that showed the table's total only (its rows are in no output). */
function totalOnly(): PublicationRecord {
  const model = yearsModel(JANUARY);
  return publicationRecord("annan", "2023-01", model, { threshold: 5, suppressed: new Set(), withheld: new Set() }, new Set([TOTAL]));
}

/**
 * The attacker of both publications: the earlier one as published, this build's as protected
 * (`marked`: hidden cells that are said to be small or not, whatever `p` withheld), and each count
 * the same number in both. The interval of this build's small count.
 */
async function attack(earlier: PublicationRecord, model: DisclosureModel, p: Protection, marked = new Set<string>()) {
  const view = publishedView(earlier);
  const free = new Set([...unknownCells(earlier)].map((id) => `annan#${id}`));
  const cells: PublishedCell[] = view.cells.map((c) => ({ ...c, id: `annan#${c.id}` }));
  for (const c of model.cells.values()) {
    const hidden = p.suppressed.has(c.id);
    if (p.withheld.has(c.id) && !marked.has(c.id)) free.add(`jobb#${c.id}`);
    cells.push({ id: `jobb#${c.id}`, label: c.label, value: hidden ? null : c.value, primary: hidden && c.value > 0 && c.value < 5 });
  }
  const relations: Relation[] = [
    ...view.relations.map((r) => ({ ...r, total: `annan#${r.total}`, parts: r.parts.map((x) => `annan#${x}`) })),
    ...model.relations.map((r) => ({ ...r, total: `jobb#${r.total}`, parts: r.parts.map((x) => `jobb#${x}`) })),
    ...[...model.cells.keys()].map((id): Relation => ({ total: `jobb#${id}`, parts: [`annan#${id}`], kind: "eq", why: "samma antal" })),
  ];
  const { intervals, failing } = await checkIntervals({ threshold: 5, cells, relations }, { free, cells: new Set([`jobb#${Y2023}`]) });
  return { interval: intervals.map((i) => [i.min, i.max]), failing: failing.length };
}

describe("a count no single further hidden cell protects, against an earlier publication", () => {
  it("withholds the hidden cells next to it instead of hiding one more", async () => {
    const earlier = totalOnly();
    const model = yearsModel(JANUARY);
    // On its own the build hides the small 2, its partner 2020 (5) and the total (7).
    const own = await protect(model, 5);
    expect([...own.suppressed].sort()).toEqual([TOTAL, Y2020, Y2023].sort());
    expect(own.withheld.size).toBe(0);

    // The other report showed the total: it cannot be hidden again. 2023 = 7 − 2020 − 2021, and
    // the marks (2023 small, 2020 and a hidden 2021 each 0 or at least 5) leave 2023 only 1 … 2.
    const marked = { ...own, suppressed: new Set([Y2020, Y2021, Y2023]) };
    expect(await attack(earlier, model, marked)).toEqual({ interval: [[1, 2]], failing: 1 });

    const reg = { name: "jobb", period: "2023-01", model, pending: [], shown: new Set(model.cells.keys()), suppressed: own.suppressed, withheld: own.withheld };
    const joint = (await protectJointly([reg], 5, [earlier])).get("jobb")!;
    // 2023 and 2020 are withheld (no mark says whether they are small); the zero of 2021 stays
    // published, and so does the total. (Without the change 2021 was hidden too, then withheld.)
    expect([...joint.suppressed].sort()).toEqual([Y2020, Y2023]);
    expect([...joint.withheld].sort()).toEqual([Y2020, Y2023]);
    // Nothing narrowed: 2023 = 7 − 2020 with 2020 any count, so 2023 is anywhere in 0 … 7.
    expect(await attack(earlier, model, joint)).toEqual({ interval: [[0, 7]], failing: 0 });
    // Hidden but marked, the same two cells would still narrow it.
    expect(await attack(earlier, model, joint, new Set([Y2020, Y2023]))).toEqual({ interval: [[1, 2]], failing: 1 });
  });

  // Within one build (nothing locked) a further cell is still hidden first: patterns.test.ts
  // "gender × programme with a total row: two small cells need a third row" and "is withheld:
  // hidden, not marked small, …" both fail if the withholding is done there too.
});
