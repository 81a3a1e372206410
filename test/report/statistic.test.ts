// r.statistic: a median, an average or another statistic of one group in running text, read from
// a publishable table. It is hidden with the counts of its group in a public build (so the report
// can say in words that it is not shown), linked to them (they count as shown), and refused for
// a count or a column not computed from registered counts.
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { buildReport, type FiguresDocument } from "../../src/report/build.ts";
import { count, decimal } from "../../src/report/figures.ts";
import { report } from "../../src/report/report.ts";
import { BUILD_TIME, silentEffects, text } from "./helpers.ts";

/** Persons enrolled now and their median time, for all and for those aged 60+ (one person). */
const SUMMARY = aq.from([
  ...["K", "M", "X"].map((gender, i) => ({ ageGroup: "alla", gender, persons: [20, 19, 1][i], medianMonths: [4, 5, 7][i] })),
  { ageGroup: "alla", gender: "T", persons: 40, medianMonths: 4.5 },
  ...["K", "M", "X"].map((gender, i) => ({ ageGroup: "60+", gender, persons: [1, 0, 0][i], medianMonths: [19.9, null, null][i] })),
  { ageGroup: "60+", gender: "T", persons: 1, medianMonths: 19.9 },
]);
const SPEC = { name: "tid", measures: ["persons"], groupKeys: ["ageGroup"] };

function medianReport() {
  return report({ title: "T" }, (r) => {
    const t = r.publishable(SUMMARY, SPEC);
    const all = r.statistic(t, "medianMonths", { ageGroup: "alla" }, decimal, "median-alla");
    const older = r.statistic(t, "medianMonths", { ageGroup: "60+" }, decimal, "median-60");
    r.text`Medianen för alla är ${all} månader.`;
    if (older.value === null) r.text`Medianen för dem som är 60 år eller äldre visas inte.`;
    else r.text`Medianen för dem som är 60 år eller äldre är ${older} månader.`;
  });
}

const build = (def: ReturnType<typeof report>, isPublic: boolean) =>
  buildReport(def, { name: "t", dataDir: ".", buildTime: BUILD_TIME, libraryVersion: "x", public: isPublic }, silentEffects());

describe("r.statistic", () => {
  it("shows the statistic of a group whose counts are shown, linked to them", async () => {
    const built = await build(medianReport(), false);
    const doc = JSON.parse(text(built.files.get("figures.json"))) as FiguresDocument;
    const f = doc.figures.find((x) => x.id === "median-alla")!;
    expect(f).toMatchObject({ value: 4.5, shown: "4,5", cells: ["tid|persons|ageGroup=alla|T"] });
    expect(text(built.files.get("index.html"))).toContain("är 60 år eller äldre är");
  });

  it("is null in a public build when the count of its group is suppressed", async () => {
    const built = await build(medianReport(), true);
    const html = text(built.files.get("index.html"));
    expect(html).toContain("Medianen för dem som är 60 år eller äldre visas inte.");
    expect(html).not.toContain("19,9");
    const doc = JSON.parse(text(built.files.get("figures.json"))) as FiguresDocument;
    expect(doc.figures.map((f) => f.id)).not.toContain("median-60");
    expect(JSON.stringify(doc)).not.toContain("19.9");
    expect(doc.figures.find((x) => x.id === "median-alla")).toMatchObject({ value: 4.5 });
  });

  it("refuses a count and a column not computed from registered counts", async () => {
    const countAsStatistic = report({ title: "T" }, (r) => {
      r.statistic(r.publishable(SUMMARY, SPEC), "persons", { ageGroup: "alla" }, decimal);
    });
    await expect(build(countAsStatistic, false)).rejects.toThrow(/r\.statistic\(\): the table has no column "persons" computed from registered counts/);
    const unregistered = report({ title: "T" }, (r) => {
      r.statistic(SUMMARY, "medianMonths", { ageGroup: "alla" }, decimal);
    });
    await expect(build(unregistered, false)).rejects.toThrow(/pass a table returned by r\.publishable/);
    const asCount = report({ title: "T" }, (r) => {
      r.statistic(r.publishable(SUMMARY, SPEC), "medianMonths", { ageGroup: "alla" }, (v) => count(v === null ? null : Math.round(v)));
    });
    await expect(build(asCount, false)).rejects.toThrow(/a count of persons; use r\.count/);
  });
});
