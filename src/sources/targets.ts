/** targets — `mal.csv`: targets such as "150 jobb". */
import { loadFile, type Loaded, type LoadOptions } from "../schema/load.ts";
import { defineSchema } from "../schema/types.ts";
import type { CoverageSpec } from "./coverage.ts";

export const measureCodes = {
  anstallda: ["anställda", "personer i anställning", "employed"],
  deltagare: ["participants"],
  avslut_arbete: ["avslut arbete", "avslut till arbete", "ended in work"],
} as const;

export const targetsSchema = defineSchema({
  kind: "targets",
  fileName: "mal.csv",
  title: "Mål",
  columns: {
    target: { type: "string", header: "Mål", required: true, aliases: ["Mal", "Målnamn", "Target"], description: "name of the target" },
    measure: { type: "code", header: "Mått", codes: measureCodes, aliases: ["Matt", "Measure"], description: "what is counted" },
    value: { type: "integer", header: "Målvärde", required: true, aliases: ["Malvarde", "Mål värde", "Target value", "Value"], description: "target value" },
    from: { type: "date", header: "Från", required: true, aliases: ["Fran", "Från och med", "Fr.o.m.", "From"], description: "start of the target period" },
    to: { type: "date", header: "Till", required: true, aliases: ["Till och med", "T.o.m.", "To"], description: "end of the target period" },
    programme: { type: "string", header: "Insats", aliases: ["Insatskod", "Programme", "Program"], description: "programme the target applies to; missing = all" },
  },
});

export type TargetsSchema = typeof targetsSchema;

export function loadTargets(path: string, opts?: LoadOptions): Promise<Loaded<TargetsSchema>> {
  return loadFile(targetsSchema, path, opts);
}

/** The time a targets export covers (a target applies from its start to its end date). */
export const targetsCoverage: CoverageSpec = { unit: "date", from: "from", to: "to", checkPeriod: true };
