// Earlier publications in the joint protection (disclosure/history.ts, joint.ts): fixed as they
// were published, and linked to this build's counts of the same name and value.
import { describe, expect, it } from "vitest";
import { checkIntervals } from "../../src/disclosure/attacker.ts";
import { closedBefore, gathersBetween, hiddenIntervals, parseRecord, publicationRecord, type PublicationRecord } from "../../src/disclosure/history.ts";
import { protectJointly } from "../../src/disclosure/joint.ts";
import { protectOverTime } from "../../src/disclosure/over-time.ts";
import { DisclosureModel, type Relation } from "../../src/disclosure/model.ts";
import { protect } from "../../src/disclosure/protect.ts";

/** A table of rows (`key` = each of `values`' keys) and their total, as one report of one month registers it. */
function rowsModel(table: string, key: string, values: Record<string, number>): DisclosureModel {
  const m = new DisclosureModel();
  const ids = Object.keys(values).map((k) => `${table}|n|${key}=${k}|T`);
  m.addCell(`${table}|n||T`, Object.values(values).reduce((a, b) => a + b, 0), `${table}: totalt`, true);
  Object.entries(values).forEach(([k, v], i) => m.addCell(ids[i], v, `${table}: ${k}`));
  m.relate(`${table}|n||T`, ids, "rader och totalrad");
  return m;
}

/** A table of years and their total. */
const yearsModel = (values: Record<string, number>) => rowsModel("jobb", "year", values);

async function january(): Promise<PublicationRecord> {
  // January: 2020 closed (36), 2021 (94), the new year 2 (small). Protected on its own.
  const model = yearsModel({ 2020: 36, 2021: 94, 2023: 2 });
  const protection = await protect(model, 5);
  expect(protection.suppressed.has("jobb|n|year=2023|T")).toBe(true);
  return publicationRecord("jobb", "2023-01", model, protection, new Set(model.cells.keys()));
}

describe("protection against earlier publications", () => {
  it("hides what a later month would otherwise tell about an earlier month's small count", async () => {
    const jan = await january();
    const hiddenInJanuary = jan.cells.filter((c) => c.suppressed).map((c) => c.id);
    expect(hiddenInJanuary).toContain("jobb|n|year=2020|T");
    // March: the same closed year 2020 (36), 2021 (94), the new year 9. Alone it hides nothing.
    const march = yearsModel({ 2020: 36, 2021: 94, 2023: 9 });
    expect((await protect(march, 5)).suppressed.size).toBe(0);
    const reg = { name: "jobb", period: "2023-03", model: march, pending: [], shown: new Set(march.cells.keys()), suppressed: new Set<string>() };
    const protection = (await protectJointly([reg], 5, [jan])).get("jobb")!;
    // March's 2020 is January's: shown, it would give January's 2 (132 − 36 − 94).
    expect(protection.suppressed.has("jobb|n|year=2020|T")).toBe(true);

    // Attacked from both as published: January's cells, March's, and 2020 the same number in both.
    const cells = [
      ...jan.cells.map((c) => ({ id: `jan#${c.id}`, label: `jan ${c.label}`, value: c.suppressed ? null : c.value, primary: c.suppressed && c.value > 0 && c.value < 5 })),
      ...[...march.cells.values()].map((c) => ({ id: `mar#${c.id}`, label: `mar ${c.label}`, value: protection.suppressed.has(c.id) ? null : c.value, primary: protection.primary.has(c.id) })),
    ];
    const relations: Relation[] = [
      ...jan.relations.map((r) => ({ ...r, total: `jan#${r.total}`, parts: r.parts.map((p) => `jan#${p}`) })),
      ...march.relations.map((r) => ({ ...r, total: `mar#${r.total}`, parts: r.parts.map((p) => `mar#${p}`) })),
      { total: "jan#jobb|n|year=2020|T", parts: ["mar#jobb|n|year=2020|T"], kind: "eq", why: "samma" },
    ];
    const { failing, intervals } = await checkIntervals({ threshold: 5, cells, relations });
    expect(intervals.map((i) => i.id)).toEqual(["jan#jobb|n|year=2023|T"]);
    expect(failing).toEqual([]);
  });

  it("never hides a cell of an earlier publication, and names a count the earlier ones already tell", async () => {
    // February, built first, showed the closed years; an earlier version of January showed its total.
    const febModel = yearsModel({ 2020: 36, 2021: 94, 2023: 4 });
    const feb = publicationRecord("jobb", "2023-02", febModel, { threshold: 5, suppressed: new Set(["jobb|n|year=2023|T", "jobb|n||T"]), withheld: new Set() }, new Set(febModel.cells.keys()));
    const jan = await january();
    // January now: its total, 2020 and 2021 are all known from them, so its 2 is 132 − 36 − 94.
    const now = yearsModel({ 2020: 36, 2021: 94, 2023: 2 });
    const reg = { name: "jobb", period: "2023-01", model: now, pending: [], shown: new Set(now.cells.keys()), suppressed: new Set<string>() };
    // Nothing this build hides can take that back, nor not publishing it: the build passes it,
    // hidden without a mark, and names it (in both January's), told exactly by what is out.
    const told = await protectJointly([reg], 5, [jan, feb]);
    expect(told.get("jobb")!.withheld).toEqual(new Set(["jobb|n|year=2023|T"]));
    expect(told.get("jobb")!.already.map((i) => [i.id, i.min, i.max])).toEqual([["jobb|n|year=2023|T", 2, 2]]);
    expect(told.already.filter((i) => i.label.endsWith("jobb: 2023")).map((i) => [i.label, i.min, i.max])).toEqual([["jobb: 2023", 2, 2], ["jobb 2023-01 (publicerad tidigare): jobb: 2023", 2, 2]]);
    // Without February's closed years, hiding 2020 again protects it.
    const alone = (await protectJointly([reg], 5, [jan])).get("jobb")!;
    expect(alone.suppressed.has("jobb|n|year=2020|T")).toBe(true);
  });

  it("takes a year-to-date count for the same persons only once its year has ended", async () => {
    expect([closedBefore("jobb|n|year=2020|T", "2023-01"), closedBefore("jobb|n|year=2023|T", "2023-12"), closedBefore("x|n|month=2023-03,unit=A|K", "2023-04")]).toEqual([true, false, true]);
    expect([closedBefore("x|n|month=2023-04|K", "2023-04"), closedBefore("jobb|n|year=2020|T", null), closedBefore("x|n|yearly=2020|T", "2023-01")]).toEqual([false, false, false]);
    // January hid its year's 2 (and 2020 with it); March's year so far happens to be 2 as well.
    const jan = await january();
    const march = yearsModel({ 2020: 35, 2021: 94, 2023: 2 });
    const reg = { name: "jobb", period: "2023-03", model: march, pending: [], shown: new Set(march.cells.keys()), suppressed: new Set<string>() };
    const own = await protect(march, 5);
    const joint = (await protectJointly([{ ...reg, suppressed: own.suppressed }], 5, [jan])).get("jobb")!;
    // Not linked to January's: March protects its own 2 as it would alone.
    expect([...joint.suppressed].sort()).toEqual([...own.suppressed].sort());
  });

  it("links only counts of the same name and the same value", async () => {
    const jan = await january();
    // March's 2020 differs (a correction): not January's number, nothing to hide for it. (A
    // correction under 5 would be a small count of persons between the months: see below.)
    const march = yearsModel({ 2020: 42, 2021: 94, 2023: 9 });
    const reg = { name: "jobb", period: "2023-03", model: march, pending: [], shown: new Set(march.cells.keys()), suppressed: new Set<string>() };
    expect((await protectJointly([reg], 5, [jan])).get("jobb")!.suppressed.size).toBe(0);
  });

  it("reads a record back as written, and refuses a damaged one", async () => {
    const jan = await january();
    const text = JSON.stringify(jan);
    expect(parseRecord(text, "x.json")).toEqual(jan);
    expect(() => parseRecord(text.slice(0, 50), "x.json")).toThrow("x.json: ingen läsbar publiceringspost");
    expect(() => parseRecord(JSON.stringify({ ...jan, format: "annat" }), "x.json")).toThrow(/formatet/);
    expect(() => parseRecord(JSON.stringify({ ...jan, cells: jan.cells.slice(1) }), "x.json")).toThrow(/okända celler/);
    expect(() => parseRecord(JSON.stringify({ ...jan, cells: [{ ...jan.cells[0], value: -1 }, ...jan.cells.slice(1)] }), "x.json")).toThrow(/ofullständig/);
  });
});

describe("earlier publications of the same period", () => {
  it("keeps a count another report of the period published known, and protects with other cells", async () => {
    const now = yearsModel({ 2020: 36, 2021: 94, 2023: 2 });
    const reg = { name: "jobb", period: "2023-01", model: now, pending: [], shown: new Set(now.cells.keys()), suppressed: new Set<string>() };
    // Alone, January hides 2020 (the cheapest) beside its 2.
    expect((await protectJointly([reg], 5, [])).size).toBe(1);
    const alone = await protect(now, 5);
    expect(alone.suppressed.has("jobb|n|year=2020|T")).toBe(true);
    // Another report of January, published earlier, showed 2020 and hid 2021 instead.
    const other = publicationRecord("annan", "2023-01", now, { threshold: 5, suppressed: new Set(["jobb|n|year=2023|T", "jobb|n|year=2021|T"]), withheld: new Set() }, new Set(now.cells.keys()));
    const joint = (await protectJointly([{ ...reg, suppressed: alone.suppressed }], 5, [other])).get("jobb")!;
    expect(joint.suppressed.has("jobb|n|year=2020|T")).toBe(false);
    expect(joint.suppressed.has("jobb|n|year=2021|T")).toBe(true);
  });
});

describe("what a build checks of earlier publications", () => {
  it("checks the small counts of earlier publications its own cells touch, and leaves the others as they were published", async () => {
    const jan = await january();
    // A damaged January that showed 2020 tells its own 2; a build whose cells touch none of it
    // (another table) does not answer for it, one that shows 2020 again does.
    const exposed = { ...jan, cells: jan.cells.map((c) => (c.id === "jobb|n|year=2020|T" ? { ...c, suppressed: false } : c)) };
    const other = new DisclosureModel();
    other.addCell("annat|n||T", 7, "annat: totalt", true);
    other.addCell("annat|n|k=a|T", 3, "annat: a");
    other.addCell("annat|n|k=b|T", 4, "annat: b");
    other.relate("annat|n||T", ["annat|n|k=a|T", "annat|n|k=b|T"], "rader och totalrad");
    const own = await protect(other, 5);
    const untouched = { name: "annat", period: "2023-03", model: other, pending: [], shown: new Set(other.cells.keys()), suppressed: own.suppressed };
    const protection = (await protectJointly([untouched], 5, [exposed])).get("annat")!;
    expect([...protection.suppressed].sort()).toEqual([...own.suppressed].sort());
    // January built again: its hidden 2 is the record's (same period, same value), so it is touched.
    const again = yearsModel({ 2020: 36, 2021: 94, 2023: 2 });
    const touching = { name: "jobb", period: "2023-01", model: again, pending: [], shown: new Set(again.cells.keys()), suppressed: new Set<string>() };
    const checked = await protectJointly([touching], 5, [exposed]);
    expect(checked.already.map((i) => [i.label, i.min, i.max])).toEqual([["jobb: 2023", 2, 2], ["jobb 2023-01 (publicerad tidigare): jobb: 2023", 2, 2]]);
  });
});

/** Participants so far this year per programme and their total. */
const programmesModel = (values: Record<string, number>) => rowsModel("deltagare", "programme", values);

describe("differences between periods of one year", () => {
  const JANUARY = { A: 20, B: 30, C: 40 };
  const FEBRUARY = { A: 22, B: 35, C: 47 };
  const record = (period: string, values: Record<string, number>) => {
    const model = programmesModel(values);
    return publicationRecord("deltagare", period, model, { threshold: 5, suppressed: new Set(), withheld: new Set() }, new Set(model.cells.keys()));
  };
  const registration = (period: string, values: Record<string, number>, atDate?: Set<string>) => {
    const model = programmesModel(values);
    return { name: "deltagare", period, model, pending: [], shown: new Set(model.cells.keys()), suppressed: new Set<string>(), atDate };
  };

  /**
   * The attacker of both months as published, who knows that a count gathered from January only
   * grows: February's = January's + the persons in between (unknown, at least 0). The small
   * increases, and the small counts January marked, must keep 1 … 4 open.
   */
  async function attack(jan: PublicationRecord, feb: DisclosureModel, hidden: ReadonlySet<string>) {
    const cells = [
      ...jan.cells.map((c) => ({ id: `jan#${c.id}`, label: `jan ${c.label}`, value: c.suppressed ? null : c.value, primary: c.suppressed && !c.withheld && c.value > 0 && c.value < 5 })),
      ...[...feb.cells.values()].map((c) => ({ id: `feb#${c.id}`, label: `feb ${c.label}`, value: hidden.has(c.id) ? null : c.value, primary: hidden.has(c.id) && c.value > 0 && c.value < 5 })),
    ];
    const free = new Set<string>();
    const relations: Relation[] = [
      ...jan.relations.map((r) => ({ ...r, total: `jan#${r.total}`, parts: r.parts.map((p) => `jan#${p}`) })),
      ...feb.relations.map((r) => ({ ...r, total: `feb#${r.total}`, parts: r.parts.map((p) => `feb#${p}`) })),
    ];
    const small = new Set<string>();
    for (const c of jan.cells) {
      const later = feb.cells.get(c.id)!;
      const id = `Δ${c.id}`;
      // Free (nothing says whether it is small), and checked where it is.
      const isSmall = later.value - c.value > 0 && later.value - c.value < 5;
      cells.push({ id, label: `ökning ${c.label}`, value: null, primary: isSmall });
      free.add(id);
      relations.push({ total: `feb#${c.id}`, parts: [`jan#${c.id}`, id], kind: "eq", why: "ökning" });
      if (isSmall) small.add(id);
    }
    for (const c of cells) if (c.primary && c.id.startsWith("jan#")) small.add(c.id);
    return { small, ...(await checkIntervals({ threshold: 5, cells, relations }, { free, cells: small })) };
  }

  it("hides what tells the persons between January and a later month, when they are few", async () => {
    const jan = record("2023-01", JANUARY);
    const feb = programmesModel(FEBRUARY);
    // Alone, February has no small count and hides nothing: 22 − 20 tells A's 2 new participants.
    expect((await protect(feb, 5)).suppressed.size).toBe(0);
    expect((await attack(jan, feb, new Set())).failing.map((f) => f.label)).toEqual(["ökning deltagare: A"]);
    const protection = (await protectJointly([registration("2023-02", FEBRUARY)], 5, [jan])).get("deltagare")!;
    expect(protection.suppressed.has("deltagare|n|programme=A|T")).toBe(true);
    // A's count alone would follow from the total and the other rows: one more is hidden.
    expect(protection.suppressed.size).toBe(2);
    const { small, failing } = await attack(jan, feb, protection.suppressed);
    expect(small.size).toBe(1);
    expect(failing).toEqual([]);
  });

  it("withholds a small count whose earlier month was small too, rather than mark it small", async () => {
    // January: A's 3 hidden and marked small, B hidden beside it.
    const janModel = programmesModel({ A: 3, B: 30, C: 40 });
    const jan = publicationRecord("deltagare", "2023-01", janModel, { threshold: 5, suppressed: new Set(["deltagare|n|programme=A|T", "deltagare|n|programme=B|T"]), withheld: new Set() }, new Set(janModel.cells.keys()));
    // February's A is 4. Marked small as well, it would say that at most 4 − 1 = 3 persons came in between.
    const feb = programmesModel({ A: 4, B: 35, C: 47 });
    const own = await protect(feb, 5);
    const protection = (await protectJointly([{ ...registration("2023-02", { A: 4, B: 35, C: 47 }), suppressed: own.suppressed, withheld: own.withheld }], 5, [jan])).get("deltagare")!;
    expect([...protection.withheld]).toEqual(["deltagare|n|programme=A|T"]);
    expect([...protection.suppressed].sort()).toEqual([...own.suppressed].sort());
    const cells = [
      ...jan.cells.map((c) => ({ id: `jan#${c.id}`, label: `jan ${c.label}`, value: c.suppressed ? null : c.value, primary: c.suppressed && c.value < 5 })),
      ...[...feb.cells.values()].map((c) => ({ id: `feb#${c.id}`, label: `feb ${c.label}`, value: protection.suppressed.has(c.id) ? null : c.value, primary: protection.primary.has(c.id) })),
      { id: "Δ", label: "ökning A", value: null, primary: true },
    ];
    const relations: Relation[] = [
      ...[jan.relations, feb.relations].flatMap((rs, i) => rs.map((r) => ({ ...r, total: `${["jan", "feb"][i]}#${r.total}`, parts: r.parts.map((p) => `${["jan", "feb"][i]}#${p}`) }))),
      { total: "feb#deltagare|n|programme=A|T", parts: ["jan#deltagare|n|programme=A|T", "Δ"], kind: "eq", why: "ökning" },
    ];
    const free = new Set(["Δ", ...[...protection.withheld].map((id) => `feb#${id}`)]);
    const { failing, intervals } = await checkIntervals({ threshold: 5, cells, relations }, { free, cells: new Set(["Δ"]) });
    // Only B's 35 bounds A: nothing says whether it is small.
    expect(intervals.map((i) => [i.min, i.max])).toEqual([[0, 38]]);
    expect(failing).toEqual([]);
  });

  it("takes an earlier count that was hidden as what its publication told of it", async () => {
    // January showed C's 40 and the total 73, marked A small and hid B: B is 73 − 40 − A, 29 … 32.
    const janModel = programmesModel({ A: 3, B: 30, C: 40 });
    const jan = publicationRecord("deltagare", "2023-01", janModel, { threshold: 5, suppressed: new Set(["deltagare|n|programme=A|T", "deltagare|n|programme=B|T"]), withheld: new Set() }, new Set(janModel.cells.keys()));
    const told = await hiddenIntervals(jan, new Set(["deltagare|n|programme=A|T", "deltagare|n|programme=B|T"]));
    expect(Object.fromEntries(told)).toEqual({ "deltagare|n|programme=A|T": { min: 1, max: 4 }, "deltagare|n|programme=B|T": { min: 29, max: 32 } });
    // February's B is 32 (two more than January's true 30): shown, it tells 0 … 3 persons in
    // between, so it is hidden; 36 would tell 4 … 7, which is no small count.
    const protection = (await protectJointly([registration("2023-02", { A: 8, B: 32, C: 47 })], 5, [jan])).get("deltagare")!;
    expect(protection.suppressed.has("deltagare|n|programme=B|T")).toBe(true);
    const larger = (await protectJointly([registration("2023-02", { A: 8, B: 36, C: 47 })], 5, [jan])).get("deltagare")!;
    expect(larger.suppressed.has("deltagare|n|programme=B|T")).toBe(false);
  });

  it("protects last month's small count from what only grows, however much it grew", async () => {
    // January marked A's 3 small and hid B's 30 beside it: A + B = 33, so A is 1 … 4.
    const janModel = programmesModel({ A: 3, B: 30, C: 40 });
    const jan = publicationRecord("deltagare", "2023-01", janModel, { threshold: 5, suppressed: new Set(["deltagare|n|programme=A|T", "deltagare|n|programme=B|T"]), withheld: new Set() }, new Set(janModel.cells.keys()));
    // February: nobody new in B, six in A, five in C; no small count, nothing hidden alone. But B's
    // 30 shown says January's B was at most 30, so January's A at least 3.
    const feb = programmesModel({ A: 9, B: 30, C: 45 });
    expect((await protect(feb, 5)).suppressed.size).toBe(0);
    expect((await attack(jan, feb, new Set())).failing.map((f) => [f.label, f.min, f.max])).toEqual([["jan deltagare: A", 3, 4]]);
    // The joint protection links B to January's only where January showed it; the audit finds
    // what January's hidden B tells and joins January by its own cells.
    expect((await protectJointly([registration("2023-02", { A: 9, B: 30, C: 45 })], 5, [jan])).get("deltagare")!.suppressed.size).toBe(0);
    const { protections, joined } = await protectOverTime([registration("2023-02", { A: 9, B: 30, C: 45 })], 5, [jan]);
    // January's A, and the counts it shares a relation with there.
    expect(joined).toEqual(["deltagare|n|programme=A|T", "deltagare|n|programme=B|T", "deltagare|n|programme=C|T", "deltagare|n||T"].map((id) => `2023-01|${id}`));
    const protection = protections.get("deltagare")!;
    expect(protection.suppressed.has("deltagare|n|programme=B|T")).toBe(true);
    const { small, failing } = await attack(jan, feb, protection.suppressed);
    expect([...small]).toEqual(["jan#deltagare|n|programme=A|T"]);
    expect(failing).toEqual([]);
  });

  it("leaves counts taken at one date, a month of another year and a period built again as they are", async () => {
    const jan = record("2023-01", JANUARY);
    // Enrolled on the reference date: 22 − 20 is a net change, not two persons.
    const atDate = (await protectJointly([registration("2023-02", FEBRUARY, new Set(["deltagare|n"]))], 5, [jan])).get("deltagare")!;
    expect(atDate.suppressed.size).toBe(0);
    // December of the year before: January's counts start again from zero.
    const december = record("2022-12", { A: 20, B: 33, C: 45 });
    expect((await protectJointly([registration("2023-01", { A: 22, B: 35, C: 47 })], 5, [december])).get("deltagare")!.suppressed.size).toBe(0);
    // The same month built again with a late registration: a correction of the same period.
    expect((await protectJointly([registration("2023-01", { A: 22, B: 30, C: 40 })], 5, [jan])).get("deltagare")!.suppressed.size).toBe(0);
    // February built before January: January's counts are the earlier ones, protected the same way.
    const feb = record("2023-02", FEBRUARY);
    expect((await protectJointly([registration("2023-01", JANUARY)], 5, [feb])).get("deltagare")!.suppressed.has("deltagare|n|programme=A|T")).toBe(true);
    expect([gathersBetween("2023-01", "2023-12"), gathersBetween("2022-12", "2023-01"), gathersBetween("2023-02", "2023-02"), gathersBetween(null, "2023-02"), gathersBetween("2023-02", "2023-01")])
      .toEqual([true, false, false, false, false]);
  });
});
