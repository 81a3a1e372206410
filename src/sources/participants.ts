/** participants — `deltagare.csv`: enrolments, one row per person and programme enrolment. */
import { loadFile, type Loaded, type LoadOptions } from "../schema/load.ts";
import { defineSchema } from "../schema/types.ts";
import type { CoverageSpec } from "./coverage.ts";

export const endReasonCodes = {
  A: ["arbete", "work", "började arbeta", "started work"],
  B: ["studier", "studies", "började studera", "started studies"],
  C: ["annan myndighet", "till annan myndighet", "överförd till annan myndighet", "transferred", "other authority"],
  D: ["fullföljt uppdrag", "fullföljt", "avslutat uppdrag", "completed", "completed assignment"],
  E: ["övrigt", "annat", "other"],
} as const;

export const employmentFormCodes = {
  tillsvidare: ["tillsvidareanställning", "tillsvidareanstallning", "permanent"],
  visstid: ["visstidsanställning", "visstidsanstallning", "fixed-term", "fixed term"],
  lonebidrag: ["lönebidrag", "lönebidragsanställning", "wage subsidy"],
  resursjobb: ["resurs jobb", "resource job"],
  valfardsjobb: ["välfärdsjobb", "welfare job"],
  praktik: ["internship"],
  arbetstraning: ["arbetsträning", "work training"],
  studier: ["studies", "studerar"],
  ingen: ["none", "saknas"],
} as const;

export const participantsSchema = defineSchema({
  kind: "participants",
  fileName: "deltagare.csv",
  title: "Deltagare (insatser per person)",
  columns: {
    person: {
      type: "pnr", header: "Personnummer", personal: true, required: true,
      aliases: ["Pnr", "Personnr", "Person nr", "Personnummer/samordningsnummer", "Personal identity number", "Person number", "PersonalNumber"],
      description: "the participant (pseudonymised on load)",
    },
    gender: { type: "gender", header: "Kön", aliases: ["Kon", "KÖN", "Gender", "Sex"], deriveFromPnr: "gender", description: "derived from the identity number when the column is absent" },
    birthYear: { type: "integer", header: "Födelseår", aliases: ["Fodelsear", "Födelse år", "Birth year", "Year of birth"], deriveFromPnr: "birthYear", description: "derived from the identity number when absent" },
    programme: { type: "string", header: "Insats", required: true, aliases: ["Insatskod", "Arbetsmarknadsinsats", "Programme", "Program", "Programme code"], description: "programme code" },
    provider: { type: "string", header: "Utförare", aliases: ["Utforare", "Anordnare", "Provider"], description: "provider running the programme" },
    unit: { type: "string", header: "Enhet", aliases: ["Unit", "Organisatorisk enhet"], description: "organisational unit" },
    decisionDate: { type: "date", header: "Beslutsdatum", aliases: ["Beslut datum", "Datum för beslut", "Decision date"], description: "date of the decision on the programme" },
    start: { type: "date", header: "Startdatum", required: true, aliases: ["Start datum", "Start", "Start date", "Fr.o.m.", "From date"], description: "start of the enrolment" },
    end: { type: "date", header: "Slutdatum", aliases: ["Slut datum", "Avslutsdatum", "Slut", "End", "End date", "T.o.m.", "To date"], description: "end of the enrolment; missing = ongoing" },
    endReason: { type: "code", header: "Avslutsorsak", codes: endReasonCodes, aliases: ["Avslutsorsak kod", "Orsak avslut", "End reason"], description: "Kolada's reasons A–E" },
    endDetail: { type: "string", header: "Avslutsorsak detalj", aliases: ["Avslutsdetalj", "Avslutsorsak (detalj)", "End detail", "End reason detail"], description: "detail: pension, flytt, sjukdom, …" },
    employmentForm: { type: "code", header: "Anställningsform", codes: employmentFormCodes, aliases: ["Anstallningsform", "Employment form", "Employment"], description: "status inside the programme or at its end" },
    referrer: { type: "string", header: "Remitterande myndighet", aliases: ["Remittent", "Remitterande", "Referrer", "Referred by"], description: "who referred the person" },
    disability: { type: "boolean", header: "Funktionsnedsättning", aliases: ["Funktionsnedsattning", "Disability"], description: "target group: disability" },
    financialAssistance: { type: "boolean", header: "Ekonomiskt bistånd", aliases: ["Ekonomiskt bistand", "Försörjningsstöd", "Financial assistance"], description: "receives financial assistance" },
    foreignBorn: { type: "boolean", header: "Utrikesfödd", aliases: ["Utrikesfodd", "Utrikes född", "Foreign born", "Foreign-born"], description: "born abroad" },
    academicDegree: { type: "boolean", header: "Akademisk examen", aliases: ["Akademisk utbildning", "Academic degree"], description: "has a completed academic degree" },
    childrenUnder18: { type: "boolean", header: "Barn under 18", aliases: ["Barn under 18 år", "Barn <18", "Children under 18"], description: "parent of children under 18 in the household" },
  },
});

export type ParticipantsSchema = typeof participantsSchema;

export function loadParticipants(path: string, opts?: LoadOptions): Promise<Loaded<ParticipantsSchema>> {
  return loadFile(participantsSchema, path, opts);
}

/** The time a participants export covers (an enrolment covers its start to its end date; a missing end means it is still running). */
export const participantsCoverage: CoverageSpec = { unit: "date", from: "start", to: "end", openEnd: true, checkPeriod: true };
