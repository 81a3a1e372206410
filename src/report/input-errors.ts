/**
 * Errors a report's user can act on. `ReportError`: any error whose message is written for the
 * user (Swedish with an English gloss, naming files by their name in the data folder, never an
 * absolute path or a cell value); `utfall build` prints it as it is. `InputError`: one about an
 * input — a missing or unreadable export, an export with no data rows, a report period outside
 * the time an export covers. Any other error is unexpected and gets wrapped with the report, the
 * step and a hint (src/cli/build-errors.ts).
 */
export class ReportError extends Error {
  override name = "ReportError";
}

export type InputProblem = "missing" | "unreadable" | "empty" | "out-of-range";

export class InputError extends ReportError {
  override name = "InputError";
  constructor(
    readonly problem: InputProblem,
    /** The file's name in the data folder. */
    readonly input: string,
    message: string,
  ) {
    super(message);
  }
}
