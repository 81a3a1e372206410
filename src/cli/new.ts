/**
 * `utfall new <name> [--dir folder]`: writes a commented report script from a template that
 * builds as it is (`utfall build <name>`), to start a report from.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs, UsageError } from "./args.ts";
import type { Io } from "./io.ts";

export const NEW_USAGE = `Användning (usage): utfall new <namn> [--dir mapp]

Skriver <mapp>/<namn>.ts (standard: reports/) med ett kommenterat rapportskript som går att bygga
direkt: utfall build <namn>. Namnet: små bokstäver a–z, siffror, - och _ (it becomes a file name).
Skriver aldrig över en befintlig fil (never overwrites a file).
`;

const NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** The template: a notebook that loads, computes, shows — through the disclosure model. */
export function reportTemplate(name: string): string {
  return `// ${name}: en rapport skapad med \`utfall new\`. Bygg den med \`utfall build ${name}\`
// (publik version: \`utfall build ${name} --public\`). Ett rapportskript läses som en anteckningsbok:
// läs in, räkna, visa.
import { report } from "utfall/report";
import * as m from "utfall/metrics";
import * as chart from "utfall/charts";
import { codeNames, outcomesTable } from "utfall/tables";

export default report({ title: "Ny rapport", period: "2023-04", unit: "Arbetsmarknadsnämnden" }, async (r) => {
  // 1. Läs in exporterna ur datamappen (--data). Inläsningen är strikt: en felaktig rad stoppar
  //    bygget med fil, rad och kolumn. Källorna hamnar i sidfoten och i figures.json.
  const participants = (await r.load.participants()).table;
  const programmes = (await r.load.programmes()).table;
  const period = m.yearToDate(r.period); // januari – rapportmånaden

  // 2. Räkna. Varje antal personer går genom r.publishable: i en publik version döljs små antal
  //    (och det som behövs för att de inte ska kunna räknas fram) i hela rapporten på en gång.
  //    Tabeller med samma namn delar celler; rollup säger att insatserna summerar till helheten.
  const counts = { name: "utfall", measures: m.OUTCOME_COUNTS };
  const outcomes = r.publishable(m.programmeOutcomes(participants, { ...period, by: ["programme"], programmes }), { ...counts, groupKeys: ["programme"], rollup: [["programme"]] });
  const all = r.publishable(m.programmeOutcomes(participants, { ...period, by: [] }), { ...counts, groupKeys: [] });

  // 3. Visa: text med tal (r.count för antal personer), diagram och tabeller.
  r.heading("Deltagare");
  r.text\`Under perioden deltog \${r.count(all, "participants", {}, "deltagare")} personer i arbetsmarknadsinsatser.\`;
  r.chart(chart.genderSplit(outcomes, { measure: "participants", by: "programme", labels: codeNames(programmes), title: "Deltagare per insats och kön" }));
  r.table(outcomesTable(outcomes, { name: "resultat-per-insats", caption: "Deltagare och resultat per insats", by: "programme", byLabel: "Insats", labels: codeNames(programmes) }));
});
`;
}

export async function runNew(args: string[], io: Io): Promise<number> {
  const { positionals, flags } = parseArgs(args, { "--dir": "value", "--help": "boolean" }, { "-h": "--help" });
  if (flags.has("--help")) {
    io.stdout(NEW_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("ange ett namn (give one name)");
  const name = positionals[0].replace(/\.ts$/, "");
  if (!NAME.test(name) || name === "publik") throw new UsageError(`namnet ${JSON.stringify(name)} går inte: små bokstäver a–z, siffror, - och _ (use a–z, 0–9, - and _)`);
  const dir = path.resolve(io.cwd, (flags.get("--dir") as string | undefined) ?? "reports");
  const file = path.join(dir, `${name}.ts`);
  await mkdir(dir, { recursive: true });
  try {
    await writeFile(file, reportTemplate(name), { flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") {
      io.stderr(`utfall new: ${path.relative(io.cwd, file)} finns redan och skrivs inte över (already exists)\n`);
      return 1;
    }
    throw e;
  }
  io.stdout(`Skrev ${path.relative(io.cwd, file)}. Bygg den med: utfall build ${name}\n`);
  return 0;
}
