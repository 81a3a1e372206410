// Property: for random linked tables with several small cells, after suppression an independent
// attacker (GLPK, its own formulation: test/disclosure/glpk-attacker.ts) finds every cell marked
// small to be exactly 1 … 4. The breakdown of a small total is withheld (hidden, not marked
// small); a small count there is an unknown whose interval holds all of 1 … 4.
import * as aq from "arquero";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DisclosureModel } from "../../src/disclosure/model.ts";
import { registerTable, resolveRollups, type PersonTableSpec } from "../../src/disclosure/register.ts";
import { protect } from "../../src/disclosure/protect.ts";
import { glpkIntervals } from "./glpk-attacker.ts";

const T = 5;
/** Counts as they come: many zeros and small counts, some large. */
const count = fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 5, arbitrary: fc.integer({ min: 5, max: 40 }) });
const split = fc.tuple(count, count, fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: count }));

function long(keys: Record<string, string>, [k, m, x]: [number, number, number]) {
  return (["K", "M", "X", "T"] as const).map((gender, i) => ({ ...keys, gender, participants: [k, m, x, k + m + x][i] }));
}

async function check(tables: [Record<string, unknown>[], PersonTableSpec][], stats: { marked: number; withheld: number }) {
  const model = new DisclosureModel();
  resolveRollups(model, tables.flatMap(([rows, spec]) => registerTable(model, aq.from(rows), spec)));
  const { suppressed, primary, withheld } = await protect(model, T);
  const cells = [...model.cells.values()].map((c) => ({ id: c.id, value: suppressed.has(c.id) ? null : c.value, primary: primary.has(c.id), free: withheld.has(c.id) }));
  // Every small count is hidden; hidden cells that are neither small nor withheld are not small.
  for (const c of model.cells.values()) expect(suppressed.has(c.id) && c.value > 0 && c.value < T).toBe(primary.has(c.id));
  const attack = await glpkIntervals(cells, model.relations, T);
  expect(attack.size).toBe(primary.size);
  for (const [id, iv] of attack) {
    if (withheld.has(id)) {
      expect(iv[0] <= 1 && iv[1] >= T - 1, `${id}: ${iv}`).toBe(true);
      stats.withheld++;
    } else {
      expect(iv, id).toEqual([1, T - 1]);
      stats.marked++;
    }
  }
}

describe("protection of random linked tables (independent GLPK attacker)", () => {
  it("gender × programme with a total row", async () => {
    const stats = { marked: 0, withheld: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(split, { minLength: 2, maxLength: 5 }), async (groups) => {
        const rows = groups.flatMap((g, i) => long({ programme: `P${i}` }, g));
        const tot = [0, 1, 2].map((j) => groups.reduce((s, g) => s + g[j], 0)) as [number, number, number];
        rows.push(...long({ programme: "Totalt" }, tot));
        await check([[rows, { name: "p", measures: ["participants"], groupKeys: ["programme"], total: { key: "programme", value: "Totalt" } }]], stats);
      }),
      { numRuns: 40, seed: 20261129 },
    );
    // Not vacuous: many small counts were marked (and exactly 1 … 4), and some were withheld.
    expect(stats.marked).toBeGreaterThan(60);
    expect(stats.withheld).toBeGreaterThan(10);
  }, 240_000);

  it("provider × programme nested in programme, with gender", async () => {
    const stats = { marked: 0, withheld: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(split, { minLength: 2, maxLength: 3 }), { minLength: 1, maxLength: 3 }), async (programmes) => {
        const fine = programmes.flatMap((providers, p) => providers.flatMap((g, q) => long({ programme: `P${p}`, provider: `U${q}` }, g)));
        const coarse = programmes.flatMap((providers, p) =>
          long({ programme: `P${p}` }, [0, 1, 2].map((j) => providers.reduce((s, g) => s + g[j], 0)) as [number, number, number]),
        );
        await check(
          [
            [coarse, { name: "u", measures: ["participants"], groupKeys: ["programme"] }],
            [fine, { name: "u", measures: ["participants"], groupKeys: ["provider", "programme"], rollup: [["provider"]] }],
          ],
          stats,
        );
      }),
      { numRuns: 30, seed: 4711 },
    );
    expect(stats.marked).toBeGreaterThan(40);
    expect(stats.withheld).toBeGreaterThan(10);
  }, 240_000);
});
