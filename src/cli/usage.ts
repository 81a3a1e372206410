/** Help texts of the CLI (Swedish first, English in parentheses). */

export const MAIN_USAGE = `utfall – uppföljning av arbetsmarknadsinsatser (follow-up of municipal labour-market programmes)

Användning (usage): utfall <kommando> [flaggor]

Kommandon (commands):
  build [rapport ...]           bygg rapporterna i reports/ (build the reports)
  list                          exporttyper och rapportskript (export kinds and report scripts)
  inspect <fil>                 vad finns i en okänd export (what is in an unknown export)
  validate <fil> --kind <typ>   kontrollera en export mot sin typ (check an export against its kind)
  help [kommando]               den här hjälpen, eller ett kommandos (this help, or a command's)

Flaggor (flags): -h, --help
Kör "utfall <kommando> --help" för kommandots flaggor.
Slutkoder (exit codes): 0 klart, 1 fel i data eller bygge, 2 felaktig användning.
`;

export const LIST_USAGE = `Användning (usage): utfall list [--json]

Visar exporttyperna (värden för --kind) och rapportskripten i reports/.
(Lists the export kinds, i.e. the values of --kind, and the report scripts in reports/.)
  --json   maskinläsbar JSON (machine-readable JSON)
`;

export const INSPECT_USAGE = `Användning (usage): utfall inspect <fil> [--json]

Beskriver en okänd export: kodning, avgränsare, rubrikrad, titel- och sidfotsrader, antal rader
och för varje kolumn den typ som passar, saknade värden och exempel. Kolumner med personnummer
visar aldrig exempel.
(Describes an unknown export: encoding, delimiter, header line, title and footer lines, row
counts, and per column the type that fits, missing values and examples. Identity-number
columns never show examples.)
  --json   maskinläsbar JSON (machine-readable JSON)
`;

export const VALIDATE_USAGE = `Användning (usage): utfall validate <fil> --kind <typ> [--json] [--strict] [--mapping fil.json]

Läser exporten med typens schema och skriver en datakvalitetssammanfattning: rader lästa,
godkända och i karantän, fel per slag med radnummer. Värden i personliga kolumner visas aldrig.
(Loads the export with the kind's schema and prints a data-quality summary.)
  --kind <typ>          exporttyp, se "utfall list" (export kind; may be left out when the file
                        has the kind's default name, e.g. deltagare.csv)
  --strict              strikt läge: ett enda fel underkänner hela filen (strict: any error fails the load)
  --mapping <fil.json>  egna kolumnnamn { "<fält>": "<rubrik i din fil>" } (your own column names)
  --json                maskinläsbar JSON (machine-readable JSON)
Slutkod (exit code): 0 inga fel, 1 rader i karantän eller läsningen misslyckades, 2 felaktig användning.
`;

export const BUILD_FALLBACK_USAGE = `Användning (usage): utfall build [rapport ...] [--data mapp] [--out mapp] [--period ÅÅÅÅ-MM] [--public]
`;
