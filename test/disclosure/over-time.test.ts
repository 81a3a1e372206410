// The protection of a public build over time (disclosure/over-time.ts): the joint protection,
// then the attacker of two months (two-months.ts) against every other month of the year.
import { describe, expect, it } from "vitest";
import { publicationRecord } from "../../src/disclosure/history.ts";
import { protectJointly } from "../../src/disclosure/joint.ts";
import { DisclosureModel } from "../../src/disclosure/model.ts";
import { joinedSummary, protectOverTime } from "../../src/disclosure/over-time.ts";
import { attackTwoMonths, monthEditions } from "../../src/disclosure/two-months.ts";

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

describe("protection over time", () => {
  it("joins a month the audit finds narrowed, and protects its small count", async () => {
    // February was published with every count shown; March grows B by nobody again.
    const february = record("2023-02", { A: 9, B: 30, C: 42 });
    const march = registration("2023-03", { A: 9, B: 30, C: 50 });
    // Linked by its own cells only to February, March hides nothing: January is two months back.
    const joint = (await protectJointly([march], 5, [JANUARY, february])).get("deltagare")!;
    expect(joint.suppressed.size).toBe(0);
    const { protections, joined, audit } = await protectOverTime([march], 5, [JANUARY, february]);
    // January's A, and the counts it shares a relation with there.
    expect(joined).toEqual(["deltagare|n|programme=A|T", "deltagare|n|programme=B|T", "deltagare|n|programme=C|T", "deltagare|n||T"].map((id) => `2023-01|${id}`));
    expect(protections.get("deltagare")!.suppressed.has(B)).toBe(true);
    expect(audit.map((p) => [p.earlier, p.later, p.failing.length])).toEqual([["2023-01", "2023-03", 0], ["2023-02", "2023-03", 0]]);
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
