/** Help texts of the CLI (Swedish first, English in parentheses). */

export const MAIN_USAGE = `utfall – uppföljning av arbetsmarknadsinsatser (follow-up of municipal labour-market programmes)

Användning (usage): utfall <kommando> [flaggor]

Kommandon (commands):
  build [rapport ...]           bygg rapporterna i reports/ (build the reports)
  preview [rapport ...]         visa rapporterna på 127.0.0.1 och bygg om vid ändringar (live preview)
  new <namn>                    skriv ett nytt rapportskript från en mall (write a report script from a template)
  list                          exporttyper och rapportskript (export kinds and report scripts)
  inspect <fil>                 vad finns i en okänd export (what is in an unknown export)
  validate <fil> --kind <typ>   kontrollera en export mot sin typ (check an export against its kind)
  kolada hämta --kpi <id> ...   hämta nyckeltal från Koladas API v3 (fetch key figures from Kolada)
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

export const INSPECT_USAGE = `Användning (usage): utfall inspect <fil> [--json] [--sheet blad]

Beskriver en okänd export: kodning, avgränsare, rubrikrad, titel- och sidfotsrader, antal rader
och för varje kolumn den typ som passar, saknade värden och exempel. Kolumner med personnummer
visar aldrig exempel.
(Describes an unknown export: encoding, delimiter, header line, title and footer lines, row
counts, and per column the type that fits, missing values and examples. Identity-number
columns never show examples.)
Excel-filer (.xlsx) läses från första bladet; raderna är bladets rader.
(Excel workbooks are read from their first sheet; lines are the sheet's rows.)
  --sheet <blad>  vilket blad i en .xlsx (which sheet of an .xlsx)
  --json   maskinläsbar JSON (machine-readable JSON)
`;

export const VALIDATE_USAGE = `Användning (usage): utfall validate <fil> --kind <typ> [--json] [--strict] [--mapping fil.json] [--sheet blad]

Läser exporten med typens schema och skriver en datakvalitetssammanfattning: rader lästa,
godkända och i karantän, fel per slag med radnummer. Värden i personliga kolumner visas aldrig.
(Loads the export with the kind's schema and prints a data-quality summary.)
  --kind <typ>          exporttyp, se "utfall list" (export kind; may be left out when the file
                        has the kind's default name, e.g. deltagare.csv)
  --strict              strikt läge: ett enda fel underkänner hela filen (strict: any error fails the load)
  --mapping <fil.json>  egna kolumnnamn { "<fält>": "<rubrik i din fil>" }, konstanter, unpivot
                        (your own column names, constants, unpivot; see README)
  --sheet <blad>        vilket blad i en .xlsx, annars det första; fel anges som Blad1!C17 (rad 17)
                        (which sheet of an .xlsx, else the first; problems located as Blad1!C17)
  --json                maskinläsbar JSON (machine-readable JSON)
Slutkod (exit code): 0 inga fel, 1 rader i karantän eller läsningen misslyckades, 2 felaktig användning.
`;

export const BUILD_FALLBACK_USAGE = `Användning (usage): utfall build [rapport ...] [--data mapp] [--out mapp] [--period ÅÅÅÅ-MM] [--public] [--pdf]
`;

export const KOLADA_USAGE = `Användning (usage): utfall kolada hämta --kpi <id,...> [--kommun <id,...>] [--år <ÅÅÅÅ,...|ÅÅÅÅ-ÅÅÅÅ>] [--ut fil.json] [--json]
                   (utfall kolada fetch --kpi … --municipality … --year … --out …)

Hämtar nyckeltal från Koladas API v3 (https://api.kolada.se/v3), följer next_url och frågar
efter högst 25 id:n per anrop. Svaret sparas som det kom, med adress och hämtningstid för varje
sida, och läses sedan som typen kolada (utfall validate kolada.json --kind kolada).
(Downloads from Kolada's API v3, follows next_url, asks for at most 25 ids per request, and saves
the raw pages with their URL and retrieval time; the file loads as the kolada kind.)
  --kpi <id,...>           nyckeltal, t.ex. U40455 (key figures)
  --kommun <id,...>        kommuner, t.ex. 1980,0180 (municipalities; alias --municipality)
  --år <år,...>            år eller intervall, t.ex. 2022 eller 2019-2022 (years; alias --year)
  --ut <fil.json>          var svaret sparas, standard kolada.json (output file; alias --out)
  --json                   sammanfattning som JSON (summary as JSON)
Slutkod (exit code): 0 klart, 1 Kolada svarade med fel eller kunde inte nås, 2 felaktig användning.
`;
