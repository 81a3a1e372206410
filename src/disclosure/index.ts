/**
 * Disclosure control of public reports: one model of every person count a report publishes,
 * primary and secondary suppression solved over it, and an audit of the outputs.
 */
export { DisclosureModel, DisclosureError, type CellId, type ModelCell, type Relation } from "./model.ts";
export { registerTable, applySuppression, cellId, derivedColumns, DERIVED, NOT_PERSONS, type DerivedSource, type PersonTableSpec } from "./register.ts";
export { protect, viewOf, withheldCells, type Fixed, type Protection } from "./protect.ts";
export { attackerIntervals, checkIntervals, isProtected, type PublishedView, type PublishedCell, type CellInterval } from "./attacker.ts";
export { auditPublished, AuditError, type AuditSummary, type ShownCount } from "./audit.ts";
export { ReportDisclosure, DEFAULT_THRESHOLD } from "./report-model.ts";
export { jointModel, protectJointly, type ReportRegistration } from "./joint.ts";
export { publicationRecord, parseRecord, recordFile, RECORD_FORMAT, type PublicationRecord, type RecordCell } from "./history.ts";
export * from "./metric-relations.ts";
export { protectOverTime, type OverTime } from "./over-time.ts";
export { attackAllMonths, attackMonths, attackTwoMonths, attackWithOtherMonths, monthEditions, type AllMonthsResult, type MonthsResult, type TwoMonthsResult } from "./two-months.ts";
