/**
 * How `utfall build` tells a user why a report was not built. Errors written for the user
 * (`ReportError` and its `InputError`, the loader's `LoadError`, `ReportScriptError`) are
 * printed as they are: they already name the file and what to do. Anything else is unexpected
 * and is wrapped with the report, the step it happened in, where in the report script (when the
 * stack says so) and a hint, so no bare JavaScript error reaches a user.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ReportError } from "../report/input-errors.ts";
import { LoadError } from "../schema/load.ts";

/** The steps of building one report. */
export type BuildStep = "script" | "build" | "write";

/** A report script that cannot be used as one (no `export default report(...)`). */
export class ReportScriptError extends Error {
  override readonly name = "ReportScriptError";
}

/**
 * A public report that would be published next to public reports of the same period that were
 * not protected together with it (see cli/build.ts): not written.
 */
export class PublishingConflict extends Error {
  override readonly name = "PublishingConflict";
  /** `folder`: the public folder as the user named it (`out/publik/`). */
  constructor(report: string, others: readonly string[], period: string | null, folder: string) {
    const when = period === null ? "utan period" : `för perioden ${period}`;
    super(
      `${folder} har redan ${others.length === 1 ? "den publika rapporten" : "de publika rapporterna"} ${others.join(", ")} ${when}, ` +
        `som inte skyddades tillsammans med ${report}: publicerade sida vid sida kan deras antal räknas ihop ` +
        `(public reports of the same period that were not protected together with this one could be combined). ` +
        `Bygg dem tillsammans: utfall build --public${period === null ? "" : ` --period ${period}`} ${[report, ...others].join(" ")}, ` +
        `eller flytta bort ${others.map((o) => folder + o).join(", ")} om ${others.length === 1 ? "den" : "de"} inte längre ska publiceras (or move it away if it is no longer to be published)`,
    );
  }
}

const STEP_TEXT: Readonly<Record<BuildStep, string>> = {
  script: "när rapportskriptet lästes in (while loading the report script)",
  build: "när rapporten beräknades och ritades (while computing and drawing the report)",
  write: "när rapporten skrevs till utdatamappen (while writing the report folder)",
};

export interface BuildErrorContext {
  /** The report's name. */
  report: string;
  step: BuildStep;
  /** Absolute path of the report script. */
  script: string;
  /** Working directory (paths in the message are shown relative to it). */
  cwd: string;
  /** Data folder, output folder and period as the user gave them. */
  data: string;
  out: string;
  period: string | null;
}

/** Errors whose message is written for the user already. */
export function isExpectedBuildError(err: unknown): boolean {
  return err instanceof ReportError || err instanceof LoadError || err instanceof ReportScriptError || err instanceof PublishingConflict;
}

/** The first stack frame inside the report script, as `reports/x.ts:37`, or null. */
export function scriptLocation(err: unknown, script: string, cwd: string): string | null {
  const stack = err instanceof Error && typeof err.stack === "string" ? err.stack : "";
  for (const m of stack.matchAll(/(file:\/\/[^\s)]+|\/[^\s():]+):(\d+):\d+/g)) {
    let file = m[1];
    try {
      if (file.startsWith("file://")) file = fileURLToPath(file);
    } catch {
      continue;
    }
    if (path.resolve(file) === path.resolve(script)) return `${path.relative(cwd, script).split(path.sep).join("/")}:${m[2]}`;
  }
  return null;
}

function hint(ctx: BuildErrorContext): string {
  const script = path.relative(ctx.cwd, ctx.script).split(path.sep).join("/");
  switch (ctx.step) {
    case "script":
      return `kontrollera att ${script} går att importera och har \`export default report({...}, async (r) => {...})\``;
    case "build":
      return (
        `kontrollera att datamappen ${ctx.data} har uppgifter för ${ctx.period === null ? "rapportens period" : `perioden ${ctx.period}`} ` +
        `(\`utfall validate <fil>\` visar vad en export innehåller) och rapportskriptet ${script}; ` +
        `kvarstår felet är det ett fel i utfall – rapportera det med meddelandet ovan (check the data and the script; otherwise report it)`
      );
    case "write":
      return `kontrollera att utdatamappen ${ctx.out} går att skriva i och att disken inte är full (check that the output folder is writable)`;
  }
}

/** The message for a failed report build (without the leading "Fel: <report> byggdes inte: "). */
export function describeBuildError(err: unknown, ctx: BuildErrorContext): string {
  if (isExpectedBuildError(err)) return (err as Error).message;
  const name = err instanceof Error ? err.name : typeof err;
  // Paths inside the working directory are shown relative to it, as everywhere else in utfall.
  const message = (err instanceof Error ? err.message : String(err)).split(ctx.cwd + path.sep).join("");
  const where = scriptLocation(err, ctx.script, ctx.cwd);
  return (
    `oväntat fel ${STEP_TEXT[ctx.step]}: ${name}: ${message}${where ? ` [${where}]` : ""}\n` +
    `  Tips (hint): ${hint(ctx)}`
  );
}
