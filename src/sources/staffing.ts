/** staffing — `bemanning.csv`: job specialists and caseload per month. */
import { loadFile, type Loaded, type LoadOptions } from "../schema/load.ts";
import { defineSchema } from "../schema/types.ts";
import type { CoverageSpec } from "./coverage.ts";

export const staffingSchema = defineSchema({
  kind: "staffing",
  fileName: "bemanning.csv",
  title: "Bemanning (arbetsspecialister och brukare)",
  columns: {
    month: { type: "month", header: "Månad", required: true, aliases: ["Manad", "Period", "Month"], description: "month" },
    unit: { type: "string", header: "Enhet", required: true, aliases: ["Unit", "Team"], description: "unit" },
    specialists: { type: "decimal", header: "Arbetsspecialister", required: true, aliases: ["Antal arbetsspecialister", "Jobbspecialister", "Specialists", "Job specialists"], description: "job specialists (full-time equivalents)" },
    activeClients: { type: "integer", header: "Aktiva brukare", required: true, aliases: ["Antal aktiva brukare", "Brukare", "Active clients", "Clients"], description: "clients actively worked with" },
  },
});

export type StaffingSchema = typeof staffingSchema;

export function loadStaffing(path: string, opts?: LoadOptions): Promise<Loaded<StaffingSchema>> {
  return loadFile(staffingSchema, path, opts);
}

/** The time a staffing export covers (each row is one month). */
export const staffingCoverage: CoverageSpec = { unit: "month", from: "month", checkPeriod: true };
