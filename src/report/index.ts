/**
 * The notebook API for report scripts in `reports/`:
 *
 *   import { report, count, deviation, percent } from "../src/report/index.ts";
 *
 *   export default report({ title: "Delårsrapport 1", period: "2023-04", unit: "Arbetsmarknadsnämnden" }, async (r) => {
 *     const { table: p } = await r.load.participants();          // data folder + provenance; strict:
 *                                                                 // a bad cell fails the build
 *     // await r.load.participants("deltagare.csv", { mode: "lenient" }) quarantines bad rows
 *     // instead and reports how many in the footer and figures.json.
 *     r.keyFigures([{ label: "Deltagare", value: count(p.numRows()) }]);
 *     r.heading("Ekonomi");
 *     r.text`Avvikelsen för perioden är ${deviation(1_330_000_000)}.`;  // "+13,3 mnkr", in figures.json
 *     r.chart(someChart);                                       // inline SVG + figures/*.svg|png + tables/*.csv
 *     r.table(someTable);                                       // HTML table + tables/<name>.csv
 *   });
 *
 * `utfall build` runs it (src/cli/build.ts); `buildReport` + `writeReportAtomically` do the same
 * from code.
 */
export { interimReportTitle } from "./titles.ts";
export { report, isReportDefinition, type ReportContext, type ReportDefinition, type ReportBody } from "./report.ts";
export { kr, tkr, mnkr, deviation, mnkrDeviation, percent, count, number, decimal, headcount, month, date, isFigure, type Figure, type FigureOptions } from "./figures.ts";
export { buildReport, libraryVersion, resolveBuildTime, type BuiltReport, type FiguresDocument, type FigureRecord } from "./build.ts";
export { writeReportAtomically } from "./write.ts";
export { ownKoladaFigure } from "./kolada.ts";
export { OUTCOME_SUMS, GOAL_STATUS_SUMS, OFFER_SUMS, ATTENDANCE_SUMS, CONTINUED_SUMS } from "../disclosure/metric-relations.ts";
export type { PersonTableSpec } from "../disclosure/register.ts";
export type { BuildOptions, Effects, InputRecord, KeyFigure, ReportMeta, ReportParameters } from "./types.ts";
export type { Loader, Loaded } from "./load.ts";
