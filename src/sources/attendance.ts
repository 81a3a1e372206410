/** attendance — `narvaro.csv`: scheduled and attended hours per participant and month. */
import { loadFile, type Loaded, type LoadOptions } from "../schema/load.ts";
import { defineSchema } from "../schema/types.ts";
import type { CoverageSpec } from "./coverage.ts";

export const attendanceSchema = defineSchema({
  kind: "attendance",
  fileName: "narvaro.csv",
  title: "Närvaro (schemalagda och närvarotimmar)",
  columns: {
    person: { type: "pnr", header: "Personnummer", personal: true, required: true, aliases: ["Pnr", "Personnr", "Person nr", "Personal identity number"], description: "the participant (pseudonymised on load)" },
    month: { type: "month", header: "Månad", required: true, aliases: ["Manad", "Period", "Month"], description: "month" },
    programme: { type: "string", header: "Insats", required: true, aliases: ["Insatskod", "Programme", "Program"], description: "programme code" },
    provider: { type: "string", header: "Utförare", aliases: ["Utforare", "Anordnare", "Provider"], description: "provider" },
    scheduledHours: { type: "decimal", header: "Schemalagda timmar", required: true, aliases: ["Schemalagd tid", "Planerade timmar", "Scheduled hours"], description: "scheduled hours" },
    attendedHours: { type: "decimal", header: "Närvarotimmar", required: true, aliases: ["Narvarotimmar", "Närvaro timmar", "Närvarande timmar", "Attended hours"], description: "attended hours" },
  },
});

export type AttendanceSchema = typeof attendanceSchema;

export function loadAttendance(path: string, opts?: LoadOptions): Promise<Loaded<AttendanceSchema>> {
  return loadFile(attendanceSchema, path, opts);
}

/** The time a attendance export covers (each row is one month). */
export const attendanceCoverage: CoverageSpec = { unit: "month", from: "month", checkPeriod: true };
