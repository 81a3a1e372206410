/**
 * A figure's text alternative as a file beside the image (figures/<name>.txt): what a user pastes
 * into Word's "Alternativ text" box when the image itself lost it. Title, the text alternative
 * and the source, CRLF line ends (Windows tools), UTF-8.
 */
import type { Chart } from "../charts/types.ts";

/** The text of figures/<name>.txt for a chart (`number`: the chart's number in the report). */
export function figureText(chart: Pick<Chart, "title" | "alt" | "source">, number?: number): string {
  const title = number === undefined ? chart.title : `Diagram ${number}. ${chart.title}`;
  const source = chart.source.trim() === "" ? undefined : `Källa: ${chart.source.trim().replace(/^Källa:\s*/i, "")}`;
  return [title, "", chart.alt.trim(), ...(source ? ["", source] : []), ""].join("\r\n");
}
