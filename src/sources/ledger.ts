/** ledger — `huvudbok.csv`: ledger lines (Raindance style), one row per month and dimension. */
import { loadFile, type Loaded, type LoadOptions } from "../schema/load.ts";
import { defineSchema } from "../schema/types.ts";
import type { CoverageSpec } from "./coverage.ts";

export const ledgerSchema = defineSchema({
  kind: "ledger",
  fileName: "huvudbok.csv",
  title: "Huvudbok (budget och utfall per månad)",
  columns: {
    period: { type: "month", header: "Period", required: true, aliases: ["Månad", "Bokföringsperiod", "Month", "Accounting period"], description: "accounting month" },
    unit: { type: "string", header: "Ansvar", required: true, aliases: ["Kostnadsställe", "Ansvarskod", "Kst", "Cost centre", "Cost center"], description: "cost centre (ansvar)" },
    activity: { type: "string", header: "Verksamhet", aliases: ["Verksamhetskod", "Vht", "Activity"], description: "activity (verksamhet)" },
    account: { type: "string", header: "Konto", required: true, aliases: ["Kontonummer", "Account"], description: "account; 3xxx revenues, 4xxx–7xxx costs" },
    budget: { type: "money", header: "Budget", aliases: ["Budget period", "Periodbudget", "Budget för perioden"], description: "the month's periodised budget" },
    outcome: { type: "money", header: "Utfall", aliases: ["Utfall period", "Redovisat", "Outcome", "Actual"], description: "the month's outcome" },
  },
});

export type LedgerSchema = typeof ledgerSchema;

export function loadLedger(path: string, opts?: LoadOptions): Promise<Loaded<LedgerSchema>> {
  return loadFile(ledgerSchema, path, opts);
}

/** The time a ledger export covers (each row is one accounting month). */
export const ledgerCoverage: CoverageSpec = { unit: "month", from: "period", checkPeriod: true };
