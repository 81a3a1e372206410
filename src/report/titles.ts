/**
 * Titles of the committee's follow-up reports by period: per April "Delårsrapport 1", per
 * August "Delårsrapport 2", per December "Verksamhetsberättelse", other months a monthly
 * follow-up ("Månadsuppföljning maj 2023").
 */
import { formatMonth } from "../render/format.ts";

export function interimReportTitle(period: string | null): string {
  if (period === null) return "Uppföljning";
  const [year, month] = period.split("-");
  if (month === "04") return `Delårsrapport 1 ${year}`;
  if (month === "08") return `Delårsrapport 2 ${year}`;
  if (month === "12") return `Verksamhetsberättelse ${year}`;
  return `Månadsuppföljning ${formatMonth(period)}`;
}
