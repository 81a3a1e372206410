/** The export kinds: their schemas (registry for `utfall validate --kind`) and loaders. */
import { assistanceCoverage, assistanceSchema } from "./assistance.ts";
import { attendanceCoverage, attendanceSchema } from "./attendance.ts";
import { forecastsCoverage, forecastsSchema } from "./forecasts.ts";
import { koladaCoverage, koladaSchema } from "./kolada.ts";
import { ledgerCoverage, ledgerSchema } from "./ledger.ts";
import { participantsCoverage, participantsSchema } from "./participants.ts";
import { programmesSchema } from "./programmes.ts";
import { requestedPlacesCoverage, requestedPlacesSchema } from "./requested-places.ts";
import { staffingCoverage, staffingSchema } from "./staffing.ts";
import { targetsCoverage, targetsSchema } from "./targets.ts";
import type { CoverageSpec } from "./coverage.ts";

export const kinds = {
  participants: participantsSchema,
  programmes: programmesSchema,
  ledger: ledgerSchema,
  forecasts: forecastsSchema,
  targets: targetsSchema,
  staffing: staffingSchema,
  attendance: attendanceSchema,
  assistance: assistanceSchema,
  kolada: koladaSchema,
  requestedPlaces: requestedPlacesSchema,
} as const;

export type KindName = keyof typeof kinds;

/**
 * The columns that say what time each kind's rows cover (see coverage.ts); `null` for kinds that
 * are not a time series (the programme catalogue).
 */
export const coverageOfKind: Readonly<Record<KindName, CoverageSpec | null>> = {
  participants: participantsCoverage,
  programmes: null,
  ledger: ledgerCoverage,
  forecasts: forecastsCoverage,
  targets: targetsCoverage,
  staffing: staffingCoverage,
  attendance: attendanceCoverage,
  assistance: assistanceCoverage,
  kolada: koladaCoverage,
  requestedPlaces: requestedPlacesCoverage,
};

export * from "./participants.ts";
export * from "./programmes.ts";
export * from "./ledger.ts";
export * from "./forecasts.ts";
export * from "./targets.ts";
export * from "./staffing.ts";
export * from "./attendance.ts";
export * from "./assistance.ts";
export * from "./kolada.ts";
export * from "./requested-places.ts";
export * from "./coverage.ts";
