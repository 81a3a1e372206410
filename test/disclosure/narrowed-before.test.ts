// Small counts that earlier publications narrow among themselves (protect.ts `narrowedBefore`):
// nothing a later build hides can mend them, so the build passes them as long as it narrows them
// no further, and says so; where it would narrow them further, it still hides.
import { describe, expect, it } from "vitest";
import { narrowedAmongThemselves } from "../../src/cli/joint-protection.ts";
import { publicationRecord } from "../../src/disclosure/history.ts";
import { protectJointly } from "../../src/disclosure/joint.ts";
import { DisclosureModel } from "../../src/disclosure/model.ts";
import { protect } from "../../src/disclosure/protect.ts";

/** A one-report record of `cells` (id → value) with sums `total = parts`, hiding what is told. */
function publication(period: string, cells: Record<string, number>, sums: [string, string[]][], hidden: string[]) {
  const m = new DisclosureModel();
  for (const [id, v] of Object.entries(cells)) m.addCell(`t|${id}`, v, id);
  for (const [total, parts] of sums) m.relate(`t|${total}`, parts.map((p) => `t|${p}`), "summa");
  return publicationRecord("r", period, m, { threshold: 5, suppressed: new Set(hidden.map((id) => `t|${id}`)), withheld: new Set() }, new Set(m.cells.keys()));
}

/** March's build: one count `w`, gathered from January, shown. */
function march(w: number) {
  const m = new DisclosureModel();
  m.addCell("t|w", w, "w");
  return { name: "r", period: "2023-03", model: m, pending: [], shown: new Set(m.cells.keys()), suppressed: new Set<string>() };
}

// January showed w = 10. February hid its small a = 2 and its w = 10 beside their sum 12: on its
// own a is 1 … 4. But February's w was at least January's 10 (a count gathered from January only
// grows), so a is at most 2: the two months, as published, narrow it together to 1 … 2. Joined
// after an audit, both months are in March's model with that growth between them.
const january = publication("2023-01", { w: 10 }, [], []);
const february = publication("2023-02", { S: 12, a: 2, w: 10 }, [["S", ["a", "w"]]], ["a", "w"]);
const joined = new Set(["2023-01", "2023-02"]);
const FEBRUARY_A = "r@2023-02~1#t|a";

describe("a small count earlier publications narrow among themselves", () => {
  it("passes a build that narrows it no further, and names it", async () => {
    // March's w = 15 says February's w was at most 15: nothing January did not already tell.
    const joint = await protectJointly([march(15)], 5, [january, february], joined);
    expect(joint.get("r")!.suppressed.size).toBe(0);
    expect(joint.already.map((i) => [i.id, i.min, i.max])).toEqual([[FEBRUARY_A, 1, 2]]);
    // None of March's own counts is among them.
    expect(joint.get("r")!.already).toEqual([]);
    expect(narrowedAmongThemselves(joint.already)).toBe(
      "1 litet antal avgränsas redan av tidigare publiceringar tillsammans, hur mycket bygget än döljer; bygget avgränsar det inte mer " +
        "(already narrowed by earlier publications among themselves; the build narrows it no further): r 2023-02 (publicerad tidigare): a",
    );
  });

  it("still hides what would narrow it further", async () => {
    // March's w = 10 shown: February's w was at most 10, so exactly 10 and a exactly 2. Hidden, a
    // is 1 … 2 again, as January and February left it.
    const joint = await protectJointly([march(10)], 5, [january, february], joined);
    expect(joint.get("r")!.suppressed).toEqual(new Set(["t|w"]));
    expect(joint.already.map((i) => [i.id, i.min, i.max])).toEqual([[FEBRUARY_A, 1, 2]]);
  });

  it("is not what a build without earlier publications may leave narrowed", async () => {
    // The same sum within one build: a is protected (1 … 4 once w is hidden too), never passed as narrowed before.
    const m = new DisclosureModel();
    for (const [id, v] of Object.entries({ S: 12, a: 2, w: 10 })) m.addCell(id, v, id);
    m.relate("S", ["a", "w"], "summa");
    const p = await protect(m, 5);
    expect([...p.suppressed].sort()).toEqual(["a", "w"]);
    expect(p.already).toEqual([]);
  });

  it("is only found where the months are joined by their own cells", async () => {
    // Without the join, February's hidden counts enter March's model only as what February told
    // of them on its own: nothing narrowed before, nothing to say.
    expect((await protectJointly([march(15)], 5, [january, february])).already).toEqual([]);
  });
});
