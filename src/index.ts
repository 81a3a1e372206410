/**
 * utfall: the library's public surface for analysts' scripts.
 *
 *   import { loadParticipants, programmeOutcomes } from "utfall";
 */
export * from "./sources/index.ts";
export { loadFile, loadBytes, LoadError } from "./schema/load.ts";
export type { Loaded, LoadOptions } from "./schema/load.ts";
export type { LoadReport } from "./schema/report.ts";
export { defineSchema } from "./schema/types.ts";
export { CodedBooleans, CodedStrings } from "./schema/coded-columns.ts";
export * from "./metrics/index.ts";
export * as charts from "./charts/index.ts";
export * as tables from "./tables/index.ts";
/** Disclosure control of public reports: the model, suppression, the attacker and the audit. */
export * as disclosure from "./disclosure/index.ts";
export * as format from "./render/format.ts";
export { renderSvg } from "./render/svg.ts";
export { renderPng } from "./render/png.ts";
export * from "./report/index.ts";
