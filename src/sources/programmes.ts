/** programmes — `insatser.csv`: the programme catalogue. */
import { loadFile, type Loaded, type LoadOptions } from "../schema/load.ts";
import { defineSchema } from "../schema/types.ts";

export const programmesSchema = defineSchema({
  kind: "programmes",
  fileName: "insatser.csv",
  title: "Insatser (programkatalog)",
  columns: {
    code: { type: "string", header: "Kod", required: true, aliases: ["Insatskod", "Insats", "Code", "Programme code"], description: "programme code" },
    name: { type: "string", header: "Namn", required: true, aliases: ["Insatsnamn", "Benämning", "Name", "Programme"], description: "name" },
    description: { type: "string", header: "Beskrivning", aliases: ["Description"], description: "what the programme is" },
    purpose: { type: "string", header: "Syfte", aliases: ["Syfte och mål", "Purpose"], description: "purpose and goal" },
    targetGroup: { type: "string", header: "Målgrupp", aliases: ["Malgrupp", "Target group"], description: "target group" },
    places: { type: "integer", header: "Platser", aliases: ["Antal platser", "Places", "Capacity"], description: "capacity (places)" },
    provider: { type: "string", header: "Utförare", aliases: ["Utforare", "Anordnare", "Provider"], description: "provider" },
    annualCost: { type: "money", header: "Årskostnad", aliases: ["Arskostnad", "Kostnad per år", "Annual cost"], description: "cost per year, kr" },
    validFrom: { type: "date", header: "Giltig från", aliases: ["Giltig fran", "Från", "Valid from"], description: "first day the programme is valid" },
    validTo: { type: "date", header: "Giltig till", aliases: ["Till", "Valid to"], description: "last day; missing = still valid" },
  },
});

export type ProgrammesSchema = typeof programmesSchema;

export function loadProgrammes(path: string, opts?: LoadOptions): Promise<Loaded<ProgrammesSchema>> {
  return loadFile(programmesSchema, path, opts);
}
