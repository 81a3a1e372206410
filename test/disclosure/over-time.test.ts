// The protection of a public build over time (disclosure/over-time.ts): the joint protection,
// then the attacker of two months (two-months.ts) against every other month of the year.
import { describe, expect, it } from "vitest";
import { alreadyNarrowed } from "../../src/cli/joint-protection.ts";
import { publicationRecord } from "../../src/disclosure/history.ts";
import { protectJointly } from "../../src/disclosure/joint.ts";
import { DisclosureModel } from "../../src/disclosure/model.ts";
import { joinedSummary, protectOverTime } from "../../src/disclosure/over-time.ts";
import { attackAllMonths, attackMonths, attackTwoMonths, monthEditions } from "../../src/disclosure/two-months.ts";

const A = "deltagare|n|programme=A|T";
const B = "deltagare|n|programme=B|T";

/** Participants per programme and their total, as a report of one month registers them. */
function programmes(values: Record<string, number>): DisclosureModel {
  const m = new DisclosureModel();
  const ids = Object.keys(values).map((k) => `deltagare|n|programme=${k}|T`);
  m.addCell("deltagare|n||T", Object.values(values).reduce((a, b) => a + b, 0), "deltagare: totalt", true);
  Object.entries(values).forEach(([k, v], i) => m.addCell(ids[i], v, `deltagare: ${k}`));
  m.relate("deltagare|n||T", ids, "rader och totalrad");
  return m;
}

const record = (period: string, values: Record<string, number>, suppressed: string[] = []) => {
  const model = programmes(values);
  return publicationRecord("deltagare", period, model, { threshold: 5, suppressed: new Set(suppressed), withheld: new Set() }, new Set(model.cells.keys()));
};
const registration = (period: string, values: Record<string, number>) => {
  const model = programmes(values);
  return { name: "deltagare", period, model, pending: [], shown: new Set(model.cells.keys()), suppressed: new Set<string>() };
};
const everyCount = () => true;

// January marked A's 3 small and hid B's 30 beside it (A + B = 33: A is 1 … 4 on its own).
const JANUARY = record("2023-01", { A: 3, B: 30, C: 40 }, [A, B]);

describe("the attacker of two months", () => {
  it("narrows a small count of the earlier month by what the later one shows, knowing counts only grow", async () => {
    // February shows B's 30 (nobody new): January's B was at most 30, so its A at least 3.
    const shown = await attackTwoMonths([JANUARY], [record("2023-02", { A: 9, B: 30, C: 45 })], everyCount);
    expect(shown.failing.map((f) => [f.label, f.min, f.max])).toEqual([["2023-01 deltagare: deltagare: A", 3, 4]]);
    // B hidden too, with C (else the total would give it): 1 … 4 open again.
    const hidden = await attackTwoMonths([JANUARY], [record("2023-02", { A: 9, B: 30, C: 45 }, [B, "deltagare|n|programme=C|T"])], everyCount);
    expect(hidden.failing).toEqual([]);
    // Counted at one date, B's 30 says nothing of January's.
    expect((await attackTwoMonths([JANUARY], [record("2023-02", { A: 9, B: 30, C: 45 })], () => false)).failing).toEqual([]);
  });

  it("attacks every version a month was published in", () => {
    const again = record("2023-01", { A: 3, B: 31, C: 40 }, [A, B]);
    const editions = monthEditions([JANUARY, again, record("2023-02", { A: 9, B: 30, C: 45 })]);
    expect([...editions.keys()]).toEqual(["2023-01", "2023-02"]);
    expect(editions.get("2023-01")!.map((e) => e.map((r) => r.cells.find((c) => c.id === B)!.value))).toEqual([[30], [31]]);
  });
});

/** A one-report record of `cells` (id → value) with sums `total = parts`, hiding and showing as told. */
function publication(period: string, cells: Record<string, number>, sums: [string, string[]][], hidden: string[], notShown: string[] = []) {
  const m = new DisclosureModel();
  for (const [id, v] of Object.entries(cells)) m.addCell(`t|${id}`, v, id);
  for (const [total, parts] of sums) m.relate(`t|${total}`, parts.map((p) => `t|${p}`), "summa");
  const shown = new Set([...m.cells.keys()].filter((id) => !notShown.includes(id.slice(2))));
  return publicationRecord("r", period, m, { threshold: 5, suppressed: new Set(hidden.map((id) => `t|${id}`)), withheld: new Set() }, shown);
}

// Three months that tell together what no two of them do. January hides its small c = 4 and
// e = 1 (c + e = 5 shown: each 1 … 4 on its own). February counts e without showing it, beside f
// and g it hides: e + f = 10, f + g = 15. March shows g = 6. February's g was at most March's 6, so
// its f at least 9 and its e at most 1; January's e was at most February's: e = 1 and c = 4.
// January and February leave e up to 10, February and March bound only e, which February does not
// publish, and January and March share no count.
const january = publication("2023-01", { T: 5, c: 4, e: 1 }, [["T", ["c", "e"]]], ["c", "e"]);
const february = publication("2023-02", { A: 10, B: 15, e: 1, f: 9, g: 6 }, [["A", ["e", "f"]], ["B", ["f", "g"]]], ["f", "g"], ["e"]);
const march = publication("2023-03", { g: 6 }, [], []);

describe("the attacker of several months", () => {
  it("narrows a small count through a month between, that no two of the months narrow", async () => {
    for (const [a, b] of [[january, february], [february, march], [january, march]]) expect((await attackTwoMonths([a], [b], everyCount)).failing).toEqual([]);
    const all = await attackMonths([[january], [february], [march]], everyCount);
    expect(all.months).toEqual(["2023-01", "2023-02", "2023-03"]);
    expect(all.failing.map((f) => [f.label, f.min, f.max]).sort()).toEqual([["2023-01 r: c", 4, 4], ["2023-01 r: e", 1, 1]]);
    // Counted at one date, February's g says nothing of March's: nothing narrowed.
    expect((await attackMonths([[january], [february], [march]], (id) => id !== "t|g")).failing).toEqual([]);
  });

  it("checks every small increase, also between months that are not next to each other", async () => {
    // x grows 20 → 21 → 23, shown in January and March; February hides it beside y (x + y = 50 shown).
    const months = [
      publication("2023-01", { x: 20 }, [], []),
      publication("2023-02", { S: 50, x: 21, y: 29 }, [["S", ["x", "y"]]], ["x", "y"]),
      publication("2023-03", { x: 23 }, [], []),
    ];
    // Two at a time, only January and March tell an increase (3, both ends shown); February's
    // hidden x is open beside either of them alone.
    const pairs = await Promise.all([[0, 1], [1, 2], [0, 2]].map(([a, b]) => attackTwoMonths([months[a]], [months[b]], everyCount)));
    expect(pairs.map((p) => p.failing.map((f) => [f.label, f.min, f.max]))).toEqual([[], [], [["2023-01→2023-03: ökningen (the increase) t|x", 3, 3]]]);
    // Together, February's x is 20 … 23: both its increases are narrowed too.
    const r = await attackMonths(months.map((m) => [m]), everyCount);
    expect(r.increases).toBe(3);
    expect(r.failing.map((f) => [f.label, f.min, f.max]).sort()).toEqual([
      ["2023-01→2023-02: ökningen (the increase) t|x", 0, 3],
      ["2023-01→2023-03: ökningen (the increase) t|x", 3, 3],
      ["2023-02→2023-03: ökningen (the increase) t|x", 0, 3],
    ]);
  });

  it("holds against a build only what it tells beyond the other months as published", async () => {
    // January and February showed x's 20 and 22: 2 persons came in between, and so at least 2
    // between January and March, whatever March publishes. March hiding its x adds nothing. (The
    // increase from January to February itself is in no part of the model that March touches.)
    const months = [publication("2023-01", { x: 20 }, [], []), publication("2023-02", { x: 22 }, [], [])];
    const hides = await attackAllMonths([publication("2023-03", { x: 22 }, [], ["x"])], months, everyCount);
    expect(hides.map((r) => [r.failing, r.already.map((f) => [f.label, f.min])])).toEqual([[[], [["2023-01→2023-03: ökningen (the increase) t|x", 2]]]]);
    // The build says so, naming the count, not what is known of it.
    expect(alreadyNarrowed(hides, "2023-03")).toBe(
      "1 litet antal eller ökning avgränsas redan av det som publicerats för 2023-01, 2023-02 " +
        "(already narrowed by what earlier builds published; this build cannot mend it): 2023-01→2023-03: ökningen (the increase) t|x",
    );
    // Showing it tells that nobody came in March, and that January → March is exactly 2.
    const shows = await attackAllMonths([publication("2023-03", { x: 22 }, [], [])], months, everyCount);
    expect(shows.map((r) => r.failing.map((f) => [f.label, f.min, f.max]))).toEqual([[["2023-01→2023-03: ökningen (the increase) t|x", 2, 2]]]);
  });

  it("asks for months of one year in order", async () => {
    await expect(attackMonths([[february], [january]], everyCount)).rejects.toThrow(/in order/);
    await expect(attackMonths([[january]], everyCount)).rejects.toThrow(/two months/);
  });
});

describe("protection over time", () => {
  it("joins a month the audit finds narrowed, and protects its small count", async () => {
    // February was published with every count shown; March grows B by nobody again.
    const february = record("2023-02", { A: 9, B: 30, C: 42 });
    const march = registration("2023-03", { A: 9, B: 30, C: 50 });
    // Linked by its own cells only to February, March hides nothing: January is two months back.
    const joint = (await protectJointly([march], 5, [JANUARY, february])).get("deltagare")!;
    expect(joint.suppressed.size).toBe(0);
    const { protections, joined, audit, together } = await protectOverTime([march], 5, [JANUARY, february]);
    // January's A, and the counts it shares a relation with there.
    expect(joined).toEqual(["deltagare|n|programme=A|T", "deltagare|n|programme=B|T", "deltagare|n|programme=C|T", "deltagare|n||T"].map((id) => `2023-01|${id}`));
    expect(protections.get("deltagare")!.suppressed.has(B)).toBe(true);
    expect(audit.map((p) => [p.earlier, p.later, p.failing.length])).toEqual([["2023-01", "2023-03", 0], ["2023-02", "2023-03", 0]]);
    // January and February alone, as published, already tell January's A (February showed B's
    // 30) and C's increase of 2: no build of March can mend that. All three months at once pass:
    // those cells are in no part of the model that March touches, so they are not held against it.
    expect(together.map((r) => [r.months, r.failing.length, r.already.length])).toEqual([[["2023-01", "2023-02", "2023-03"], 0, 0]]);
  });

  it("audits a build beside all other months at once, and joins the months a count is narrowed through", async () => {
    // March as in "the attacker of several months": its g = 6 shown would tell January's e and c.
    const m = new DisclosureModel();
    m.addCell("t|g", 6, "g");
    const march = { name: "r", period: "2023-03", model: m, pending: [], shown: new Set(m.cells.keys()), suppressed: new Set<string>() };
    const { protections, joined, audit, together } = await protectOverTime([march], 5, [january, february]);
    // Each month beside March alone passes; all at once did not until g was hidden.
    expect(audit.map((p) => [p.other, p.failing.length])).toEqual([["2023-01", 0], ["2023-02", 0]]);
    expect(protections.get("r")!.suppressed).toEqual(new Set(["t|g"]));
    expect(together.map((r) => [r.months, r.failing.length])).toEqual([[["2023-01", "2023-02", "2023-03"], 0]]);
    // First January's narrowed counts and February's e (the count it was narrowed through) with the
    // counts one relation from them; narrowed again, two relations from February's e (its g, which
    // March's g bounds) and, nothing more within reach in January, January's table.
    expect(joined).toEqual(["2023-01|t", "2023-01|t|T", "2023-01|t|c", "2023-01|t|e", "2023-02|t|A", "2023-02|t|B", "2023-02|t|e", "2023-02|t|f", "2023-02|t|g"]);
  });

  it("hides more of the build where it narrows an increase between two other months", async () => {
    // January shows x = 10; March hides x = 12 beside y = 18 (their sum 30 shown). April showing
    // y = 18 says March's y was at most 18, so its x at least 12: at least 2 came in from January
    // to March, who were 2. No two months tell it, and no count of April's model is that increase.
    const jan = publication("2023-01", { x: 10 }, [], []);
    const mar = publication("2023-03", { S: 30, x: 12, y: 18 }, [["S", ["x", "y"]]], ["x", "y"]);
    const m = new DisclosureModel();
    m.addCell("t|x", 40, "x");
    m.addCell("t|y", 18, "y");
    const april = { name: "r", period: "2023-04", model: m, pending: [], shown: new Set(m.cells.keys()), suppressed: new Set<string>() };
    expect((await protectJointly([april], 5, [jan, mar])).get("r")!.suppressed.size).toBe(0);
    const { protections, joined, audit, together } = await protectOverTime([april], 5, [jan, mar]);
    expect(audit.map((p) => [p.other, p.failing.length])).toEqual([["2023-01", 0], ["2023-03", 0]]);
    // April's x first (the count itself), then what is within one relation of it in March: y.
    expect([...protections.get("r")!.suppressed].sort()).toEqual(["t|x", "t|y"]);
    expect(joined).toEqual([]);
    expect(together.map((r) => r.failing.length)).toEqual([0]);
  });

  it("hides counts further than RADIUS relations away before it refuses, and refuses what hiding cannot mend", async () => {
    // As above, but April tells March's y only through a chain: its y = z1 = z2 = z3 = z4, all
    // hidden but z4, four relations from y. Nothing within three relations of y is shown.
    const jan = publication("2023-01", { x: 10 }, [], []);
    const mar = publication("2023-03", { S: 30, x: 12, y: 18 }, [["S", ["x", "y"]]], ["x", "y"]);
    const chain = ["y", "z1", "z2", "z3", "z4"];
    const m = new DisclosureModel();
    for (const id of chain) m.addCell(`t|${id}`, 18, id);
    for (let i = 0; i + 1 < chain.length; i++) m.relate(`t|${chain[i]}`, [`t|${chain[i + 1]}`], "samma");
    const april = { name: "r", period: "2023-04", model: m, pending: [], shown: new Set(m.cells.keys()), suppressed: new Set(["t|y", "t|z1", "t|z2", "t|z3"]) };
    const { protections, together } = await protectOverTime([april], 5, [jan, mar]);
    expect([...protections.get("r")!.suppressed].sort()).toEqual(chain.map((id) => `t|${id}`));
    expect(together.map((r) => r.failing.length)).toEqual([0]);
    // An earlier version of April showed z4: hiding it now takes nothing back. The build is
    // refused, naming the increase and the months, never a value.
    const shownBefore = publication("2023-04", { z4: 18 }, [], []);
    await expect(protectOverTime([april], 5, [jan, mar, shownBefore])).rejects.toThrow(
      "publicerad bredvid 2023-01, 2023-03 skulle bygget låta 1 litet antal eller ökning avgränsas, hur mycket av det bygget visar som än döljs " +
        "(published beside those months, small counts or increases could be narrowed, whatever the build hides of what it shows): 2023-01→2023-03: ökningen (the increase) t|x",
    );
  });

  it("knows that the joined months' counts grow among themselves", async () => {
    // January shows w = 10; February hides x = 20 and w = 10 beside their sum 30. February's w
    // was at least January's 10, so its x at most 20: March showing x = 22 tells that 2 came in
    // since February. Only January tells it, through February's w.
    const jan = publication("2023-01", { w: 10 }, [], []);
    const feb = publication("2023-02", { S: 30, x: 20, w: 10 }, [["S", ["x", "w"]]], ["x", "w"]);
    const m = new DisclosureModel();
    m.addCell("t|x", 22, "x");
    const march = { name: "r", period: "2023-03", model: m, pending: [], shown: new Set(m.cells.keys()), suppressed: new Set<string>() };
    const joined = new Set(["2023-01", "2023-02"]);
    expect((await protectJointly([march], 5, [jan, feb], joined)).get("r")!.suppressed).toEqual(new Set(["t|x"]));
    const { protections, audit, together } = await protectOverTime([march], 5, [jan, feb]);
    expect(audit.map((p) => [p.other, p.failing.length])).toEqual([["2023-01", 0], ["2023-02", 0]]);
    expect(protections.get("r")!.suppressed).toEqual(new Set(["t|x"]));
    expect(together.map((r) => r.failing.length)).toEqual([0]);
  });

  it("leaves a build the audit passes as the joint protection made it", async () => {
    const { protections, joined, audit } = await protectOverTime([registration("2023-02", { A: 9, B: 36, C: 45 })], 5, [JANUARY]);
    expect(joined).toEqual([]);
    expect(protections.get("deltagare")!.suppressed.size).toBe(0);
    expect(audit.map((p) => p.failing.length)).toEqual([0]);
  });
});

describe("what a build says it joined", () => {
  it("counts the joined counts by month, and names tables and whole months", () => {
    expect(joinedSummary([`2023-01|${A}`, `2023-01|${B}`, "2023-02|deltagare", "2023-02|utfall", `2023-02|${A}`, "2023-03"]))
      .toBe("2 antal från 2023-01, 1 antal och tabellerna deltagare, utfall från 2023-02, hela 2023-03");
  });
});
