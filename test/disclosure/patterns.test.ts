// Suppression patterns on fixed linked tables, in the style of sdcTable's and τ-ARGUS's test
// suites: each fixture's expected primary and secondary cells were worked out by hand (the
// reasoning is beside each one), and the independent GLPK attacker confirms the protection.
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { DisclosureError, DisclosureModel } from "../../src/disclosure/model.ts";
import { applySuppression, registerTable, resolveRollups, type PersonTableSpec } from "../../src/disclosure/register.ts";
import { protect } from "../../src/disclosure/protect.ts";
import { glpkIntervals } from "./glpk-attacker.ts";

type Gender = "K" | "M" | "X" | "T";
/** Long form from { group: [K, M, X] }: T is the sum. */
function genderRows(key: string, groups: Record<string, [number, number, number]>, measure = "participants") {
  const rows: Record<string, unknown>[] = [];
  for (const [g, [k, m, x]] of Object.entries(groups)) {
    for (const [gender, v] of [["K", k], ["M", m], ["X", x], ["T", k + m + x]] as [Gender, number][]) rows.push({ [key]: g, gender, [measure]: v });
  }
  return rows;
}

async function solve(tables: [Record<string, unknown>[], PersonTableSpec][]) {
  const model = new DisclosureModel();
  const pending = tables.flatMap(([rows, spec]) => registerTable(model, aq.from(rows), spec));
  resolveRollups(model, pending);
  const p = await protect(model, 5);
  return { model, ...p };
}

/** The suppressed cells as short names "<keys>|<gender>" or "<measure>|<keys>|<gender>". */
const short = (ids: Iterable<string>, withMeasure = false) =>
  [...ids].map((id) => id.split("|").slice(withMeasure ? 1 : 2).join("|")).sort();

/**
 * The independent attacker sees every cell marked small as exactly 1 … 4, and every small count
 * of a withheld breakdown (not marked) as an unknown whose interval holds 1 … 4.
 */
async function attackerSeesOnly1to4(model: DisclosureModel, suppressed: Set<string>, primary: Set<string>, withheld: Set<string> = new Set()) {
  const cells = [...model.cells.values()].map((c) => ({ id: c.id, value: suppressed.has(c.id) ? null : c.value, primary: primary.has(c.id), free: withheld.has(c.id) }));
  const intervals = await glpkIntervals(cells, model.relations, 5);
  expect(intervals.size).toBe(primary.size);
  for (const [id, iv] of intervals) {
    if (withheld.has(id)) expect(iv[0] <= 1 && iv[1] >= 4, `${id}: ${iv}`).toBe(true);
    else expect(iv, id).toEqual([1, 4]);
  }
}

describe("fixed linked tables", () => {
  it("gender × programme with a total row: two small cells need a third row", async () => {
    // Primary: A·K = 3, C·M = 2. Rows A and C each need a second hidden cell (A·M 10 and C·K 20:
    // zeros come after every count). Then the four cells form a cycle, but A·K = 1 + C·M there
    // (columns K and M), so A·K could only be 2–4: a third row is needed, and D (6, 7) is
    // cheaper than B (8, 9). Totals stay published.
    const rows = genderRows("programme", { A: [3, 10, 0], B: [8, 9, 0], C: [20, 2, 0], D: [6, 7, 0] });
    rows.push(...genderRows("programme", { Totalt: [37, 28, 0] }));
    const { model, suppressed, primary } = await solve([[rows, { name: "p", measures: ["participants"], groupKeys: ["programme"], total: { key: "programme", value: "Totalt" } }]]);
    expect(short(primary)).toEqual(["programme=A|K", "programme=C|M"]);
    expect(short(suppressed)).toEqual(["programme=A|K", "programme=A|M", "programme=C|K", "programme=C|M", "programme=D|K", "programme=D|M"]);
    await attackerSeesOnly1to4(model, suppressed, primary);
  });

  it("reasons and ended: one small reason needs two more, never the total", async () => {
    // ended 20 = A 12 + B 3 + C 0 + D 5 + E 0. B is primary; the cheapest second cell is D (5),
    // but B + D = 8 with D ≥ 5 leaves B at most 3: A (12) is hidden too. ended stays published.
    const rows = [{ programme: "P", gender: "T", ended: 20, endedA: 12, endedB: 3, endedC: 0, endedD: 5, endedE: 0 }];
    const { model, suppressed, primary } = await solve([
      [rows, { name: "u", measures: ["ended", "endedA", "endedB", "endedC", "endedD", "endedE"], groupKeys: ["programme"], sums: [{ total: "ended", parts: ["endedA", "endedB", "endedC", "endedD", "endedE"] }] }],
    ]);
    expect(short(primary, true)).toEqual(["endedB|programme=P|T"]);
    expect(short(suppressed, true)).toEqual(["endedA|programme=P|T", "endedB|programme=P|T", "endedD|programme=P|T"]);
    await attackerSeesOnly1to4(model, suppressed, primary);
  });

  it("provider × programme nested in programme: a second provider, found through the rollup", async () => {
    // Programme P = 25 in one table; its providers X1 3, X2 10, X3 12 in another. X1 is primary;
    // the rollup relation P = X1 + X2 + X3 needs a second hidden provider: X2 (10). X1 + X2 = 13
    // with X2 ≥ 5 leaves X1 anywhere in 1–4.
    const programme = [{ programme: "P", participants: 25 }];
    const providers = [
      { provider: "X1", programme: "P", participants: 3 },
      { provider: "X2", programme: "P", participants: 10 },
      { provider: "X3", programme: "P", participants: 12 },
    ];
    const { model, suppressed, primary } = await solve([
      [programme, { name: "u", measures: ["participants"], groupKeys: ["programme"] }],
      [providers, { name: "u", measures: ["participants"], groupKeys: ["provider", "programme"], rollup: [["provider"]] }],
    ]);
    expect(short(primary)).toEqual(["programme=P,provider=X1|T"]);
    expect(short(suppressed)).toEqual(["programme=P,provider=X1|T", "programme=P,provider=X2|T"]);
    await attackerSeesOnly1to4(model, suppressed, primary);
  });

  it("status parts and covered: an inequality pins nothing, an equality needs a partner", async () => {
    // covered 30 = employed 20 + internship 7 + other 3; fixed-term 2 is part of employed.
    // other (3) needs internship (7) hidden: other + internship = 10 with internship ≥ 5 leaves
    // other in 1–4. fixedTerm ≤ employed only bounds it by 20: no partner needed.
    const rows = [{ gender: "T", covered: 30, employed: 20, internship: 7, other: 3, fixedTerm: 2 }];
    const { model, suppressed, primary } = await solve([
      [rows, { name: "s", measures: ["covered", "employed", "internship", "other", "fixedTerm"], groupKeys: [], sums: [{ total: "covered", parts: ["employed", "internship", "other"] }, { total: "employed", parts: ["fixedTerm"] }] }],
    ]);
    expect(short(primary, true)).toEqual(["fixedTerm||T", "other||T"]);
    expect(short(suppressed, true)).toEqual(["fixedTerm||T", "internship||T", "other||T"]);
    await attackerSeesOnly1to4(model, suppressed, primary);
  });

  it("the same cells in two tables are one cell: suppressed in both, or refused if they disagree", async () => {
    const split = genderRows("programme", { A: [2, 9, 0], B: [12, 15, 0] });
    const totalsOnly = [
      { programme: "A", participants: 11 },
      { programme: "B", participants: 27 },
    ];
    const specSplit: PersonTableSpec = { name: "p", measures: ["participants"], groupKeys: ["programme"] };
    const specTotals: PersonTableSpec = { name: "p", measures: ["participants"], groupKeys: ["programme"] };
    const { suppressed } = await solve([
      [split, specSplit],
      [totalsOnly, specTotals],
    ]);
    // Row A: K (2) primary, M (9) its partner; the totals table shows A's T = 11, the same cell.
    expect(short(suppressed)).toEqual(["programme=A|K", "programme=A|M"]);
    const a = applySuppression(aq.from(split), specSplit, suppressed).objects() as Record<string, unknown>[];
    const b = applySuppression(aq.from(totalsOnly), specTotals, suppressed).objects() as Record<string, unknown>[];
    expect(a.filter((r) => r.participants === null).map((r) => `${r.programme}${r.gender}`)).toEqual(["AK", "AM"]);
    expect(b.find((r) => r.programme === "A")!.participants).toBe(11);
    expect(a.find((r) => r.programme === "A" && r.gender === "T")!["cell:participants"]).toBe(b.find((r) => r.programme === "A")!["cell:participants"]);

    const model = new DisclosureModel();
    registerTable(model, aq.from(split), specSplit);
    expect(() => registerTable(model, aq.from([{ programme: "A", participants: 12 }]), specTotals)).toThrow(DisclosureError);
  });

  it("zero is published where it reveals nothing, and shares of hidden counts are hidden", async () => {
    // ended: K 3 is primary, M 8 its partner (K + M = 11 leaves K anywhere in 1–4).
    // workOrStudies: K 2 is primary; with M 6 hidden too, K + M = 8 and M ≥ 5 would leave K at
    // most 3, so the total 8 is hidden as well (hiding the zero X instead would not help: it is
    // 0 or at least 5). The zeros of X stay published.
    const rows = [
      { programme: "A", gender: "K", ended: 3, workOrStudies: 2, shareWorkOrStudies: 2 / 3 },
      { programme: "A", gender: "M", ended: 8, workOrStudies: 6, shareWorkOrStudies: 6 / 8 },
      { programme: "A", gender: "X", ended: 0, workOrStudies: 0, shareWorkOrStudies: null },
      { programme: "A", gender: "T", ended: 11, workOrStudies: 8, shareWorkOrStudies: 8 / 11 },
    ];
    const spec: PersonTableSpec = { name: "o", measures: ["ended", "workOrStudies"], groupKeys: ["programme"] };
    const { suppressed } = await solve([[rows, spec]]);
    const shown = applySuppression(aq.from(rows), spec, suppressed).objects() as Record<string, unknown>[];
    const x = shown.find((r) => r.gender === "X")!;
    expect([x.ended, x.workOrStudies]).toEqual([0, 0]);
    const k = shown.find((r) => r.gender === "K")!;
    expect([k.ended, k.workOrStudies, k.shareWorkOrStudies]).toEqual([null, null, null]);
    const t = shown.find((r) => r.gender === "T")!;
    expect([t.ended, t.workOrStudies, t.shareWorkOrStudies]).toEqual([11, null, null]);
  });
});

describe("the breakdown of a small total", () => {
  it("is withheld: hidden, not marked small, so the marks tell nothing about its parts", async () => {
    // A: K 2 + M 2 + X 0 = 4. Marked small, K and M would be known to be 1–4 with K + M = T ≤ 4,
    // so each at most 3 and T at least 2, whatever else is published. Instead A's whole gender
    // breakdown (K, M and the zero X) is withheld: hidden without saying which are small.
    // Then every column equality hides one small count of A, and D is the cheapest row
    // (6 + 7 = 13): D·K, D·M and D·T. In column K that is not enough: A·K + D·K = 8 with D·K
    // not small (0 or at least 5) leaves A·K at most 3, so a third row is needed, C (8, 9) being
    // cheaper than B (10, 12); C·K alone would follow from C's published total 17, so C·M goes
    // too. X (all zeros) stays published except A·X: a hidden zero needs no partner.
    const rows = genderRows("programme", { A: [2, 2, 0], B: [10, 12, 0], C: [8, 9, 0], D: [6, 7, 0] });
    rows.push(...genderRows("programme", { Totalt: [26, 30, 0] }));
    const { model, suppressed, primary, withheld } = await solve([[rows, { name: "p", measures: ["participants"], groupKeys: ["programme"], total: { key: "programme", value: "Totalt" } }]]);
    expect(short(primary)).toEqual(["programme=A|K", "programme=A|M", "programme=A|T"]);
    expect(short(withheld)).toEqual(["programme=A|K", "programme=A|M", "programme=A|X"]);
    expect(short(suppressed)).toEqual([
      "programme=A|K", "programme=A|M", "programme=A|T", "programme=A|X", "programme=C|K", "programme=C|M", "programme=D|K", "programme=D|M", "programme=D|T",
    ]);
    await attackerSeesOnly1to4(model, suppressed, primary, withheld);
    // Had the parts been marked small, the marks alone would narrow them: the old weakness.
    const marked = [...model.cells.values()].map((c) => ({ id: c.id, value: suppressed.has(c.id) ? null : c.value, primary: primary.has(c.id) }));
    const narrowed = await glpkIntervals(marked, model.relations, 5);
    expect(narrowed.get(`p|participants|programme=A|K`)![1]).toBeLessThan(4);
  });

  it("reasons of a small ended count are withheld, and so are their gender parts", async () => {
    // ended 3 = A 1 + B 2: ended is small, so both reasons are withheld (with a marked B, the
    // attacker would know A = ended − B ≤ 2).
    const rows = [
      { programme: "P", gender: "K", ended: 1, endedA: 0, endedB: 1 },
      { programme: "P", gender: "M", ended: 2, endedA: 1, endedB: 1 },
      { programme: "P", gender: "X", ended: 0, endedA: 0, endedB: 0 },
      { programme: "P", gender: "T", ended: 3, endedA: 1, endedB: 2 },
      { programme: "Q", gender: "K", ended: 20, endedA: 12, endedB: 8 },
      { programme: "Q", gender: "M", ended: 15, endedA: 9, endedB: 6 },
      { programme: "Q", gender: "X", ended: 0, endedA: 0, endedB: 0 },
      { programme: "Q", gender: "T", ended: 35, endedA: 21, endedB: 14 },
    ];
    const { model, suppressed, primary, withheld } = await solve([
      [rows, { name: "u", measures: ["ended", "endedA", "endedB"], groupKeys: ["programme"], sums: [{ total: "ended", parts: ["endedA", "endedB"] }] }],
    ]);
    const p = short([...withheld].filter((id) => id.includes("programme=P")), true);
    expect(p).toEqual([
      "endedA|programme=P|K", "endedA|programme=P|M", "endedA|programme=P|T", "endedA|programme=P|X",
      "endedB|programme=P|K", "endedB|programme=P|M", "endedB|programme=P|T", "endedB|programme=P|X",
      "ended|programme=P|K", "ended|programme=P|M", "ended|programme=P|X",
    ]);
    expect([...withheld].some((id) => id.includes("programme=Q"))).toBe(false);
    await attackerSeesOnly1to4(model, suppressed, primary, withheld);
  });
});
