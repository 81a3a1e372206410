// Golden case "delarsrapport": the real sample report script, built from a small generated data
// folder (data/generate.ts, seed 7, scale 0.1) in public mode — the whole pipeline from export
// bytes to HTML, SVG, CSV and figures.json.
export { default } from "../../../reports/delarsrapport.ts";
