/** assistance — `ekonomiskt-bistand.csv`: recipients of financial assistance per month. */
import { loadFile, type Loaded, type LoadOptions } from "../schema/load.ts";
import { defineSchema } from "../schema/types.ts";
import type { CoverageSpec } from "./coverage.ts";

export const assistanceSchema = defineSchema({
  kind: "assistance",
  fileName: "ekonomiskt-bistand.csv",
  title: "Ekonomiskt bistånd (mottagare per månad)",
  columns: {
    person: { type: "pnr", header: "Personnummer", personal: true, required: true, aliases: ["Pnr", "Personnr", "Person nr", "Personal identity number"], description: "adult recipient (pseudonymised on load)" },
    gender: { type: "gender", header: "Kön", aliases: ["Kon", "KÖN", "Gender", "Sex"], deriveFromPnr: "gender", description: "derived from the identity number when absent" },
    month: { type: "month", header: "Månad", required: true, aliases: ["Manad", "Utbetalningsmånad", "Period", "Month"], description: "month of payment" },
    household: { type: "string", header: "Hushållstyp", aliases: ["Hushallstyp", "Hushåll", "Household", "Household type"], description: "household type" },
    amount: { type: "money", header: "Utbetalt belopp", aliases: ["Utbetalt", "Belopp", "Amount", "Amount paid"], description: "amount paid in the month" },
  },
});

export type AssistanceSchema = typeof assistanceSchema;

export function loadAssistance(path: string, opts?: LoadOptions): Promise<Loaded<AssistanceSchema>> {
  return loadFile(assistanceSchema, path, opts);
}

/** The time a assistance export covers (each row is one month of payment). */
export const assistanceCoverage: CoverageSpec = { unit: "month", from: "month", checkPeriod: true };
