/** The export kinds: their schemas (registry for `utfall validate --kind`) and loaders. */
import { assistanceSchema } from "./assistance.ts";
import { attendanceSchema } from "./attendance.ts";
import { forecastsSchema } from "./forecasts.ts";
import { koladaSchema } from "./kolada.ts";
import { ledgerSchema } from "./ledger.ts";
import { participantsSchema } from "./participants.ts";
import { programmesSchema } from "./programmes.ts";
import { staffingSchema } from "./staffing.ts";
import { targetsSchema } from "./targets.ts";

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
} as const;

export type KindName = keyof typeof kinds;

export * from "./participants.ts";
export * from "./programmes.ts";
export * from "./ledger.ts";
export * from "./forecasts.ts";
export * from "./targets.ts";
export * from "./staffing.ts";
export * from "./attendance.ts";
export * from "./assistance.ts";
export * from "./kolada.ts";
