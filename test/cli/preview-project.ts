// A throwaway project for the preview tests: reports/uppfoljning.ts reads data/deltagare.csv
// (strict load) and shows the number of enrolments as a figure and per programme as a chart.
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../report/helpers.ts";

/** The golden participants fixture without its one bad row (the script loads strictly). */
export const PARTICIPANTS = readFileSync(path.join(ROOT, "test/golden/basic/input/deltagare.csv"), "utf8")
  .split(/\r?\n/)
  .filter((line) => line !== "" && !line.endsWith(";;;"))
  .join("\n")
  .concat("\n");
/** One more enrolment (a person already in the file starts Praktik). */
export const EXTRA_ROW = "19850412-1230;K;PRAKTIK;2023-04-03;;\n";
/** A row whose start date is not a date: a strict load fails. */
export const BAD_ROW = "19900101-2385;K;IPS;inte ett datum;;\n";

const src = (p: string) => JSON.stringify(pathToFileURL(path.join(ROOT, "src", p)).href);

export function reportScript(title: string, extra = ""): string {
  return `import { count, report } from ${src("report/index.ts")};
import { THEME_CONFIG } from ${src("charts/theme.ts")};

export default report({ title: ${JSON.stringify(title)}, period: "2023-04" }, async (r) => {
  ${extra}
  const { table } = await r.load.participants("deltagare.csv");
  const counts = new Map();
  for (const row of table.objects()) counts.set(row.programme, (counts.get(row.programme) ?? 0) + 1);
  const values = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([insats, antal]) => ({ insats, antal }));
  r.text\`Antal inskrivningar: \${count(table.numRows(), "inskrivningar")}.\`;
  r.chart({
    name: "per-insats",
    title: "Inskrivningar per insats",
    alt: "Inskrivningar per insats: " + values.map((v) => v.insats + " " + v.antal).join(", ") + ".",
    source: "Testdata",
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: 300,
      height: 80,
      data: { values },
      mark: { type: "bar" },
      encoding: { y: { field: "insats", type: "nominal", title: null }, x: { field: "antal", type: "quantitative", title: "Antal" } },
      config: THEME_CONFIG,
    },
    table: {
      name: "per-insats",
      caption: "Inskrivningar per insats",
      columns: [
        { key: "insats", label: "Insats", format: "text" },
        { key: "antal", label: "Antal", format: "integer" },
      ],
      rows: values,
    },
  });
});
`;
}

export interface Project {
  dir: string;
  data: string;
  csv: string;
  script: string;
}

export async function previewProject(): Promise<Project> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "utfall-preview-"));
  await mkdir(path.join(dir, "reports"));
  await mkdir(path.join(dir, "data"));
  const project = { dir, data: path.join(dir, "data"), csv: path.join(dir, "data", "deltagare.csv"), script: path.join(dir, "reports", "uppfoljning.ts") };
  await writeFile(project.csv, PARTICIPANTS);
  await writeFile(project.script, reportScript("Förhandsvisningstest"));
  return project;
}
