/**
 * The public folder of a build's output (`<out>/publik/`), which is what a municipality publishes:
 * which public reports of a period already stand there that a build did not protect together with
 * its own (`unprotectedNeighbours`), and the gate that writes the reports of one public build
 * together or not at all (`PublishGate`). Used by `utfall build` (cli/build.ts).
 */
import { reportFolders } from "../report/folders.ts";

/** Where the records of what public builds published are kept, in the output folder (cli/publications.ts). */
export const PUBLICATIONS_FOLDER = "publiceringar";

/**
 * The public reports already in the output folder for `period` that this build did not protect
 * together with its own (`together`): published side by side with them, they could be combined
 * (an earlier build's, or one that failed this time and kept its previous version).
 */
export async function unprotectedNeighbours(publicDir: string, together: ReadonlySet<string>, period: string | null): Promise<string[]> {
  return (await reportFolders(publicDir))
    .filter(({ name, head }) => !together.has(name)
      // A report whose period cannot be read might be of this one: not to be published beside it unread.
      && (head === undefined || (head.parameters?.public === true && head.parameters.period === period)))
    .map(({ name }) => name);
}

/**
 * The writes of the public reports of one build: each report takes its turn when it is staged;
 * no turn starts before every report is built (`close` once all are staged), and then only if
 * none failed; the turns run one after the other, in the order the reports were staged.
 */
export class PublishGate {
  private readonly built: Promise<unknown>[] = [];
  private failed = false;
  private closed!: (ok: boolean) => void;
  private readonly allBuilt = new Promise<boolean>((resolve) => (this.closed = resolve));
  private previous: Promise<void> = Promise.resolve();

  /** A report that failed before or while it was built: none of the build's reports is written. */
  fail(): void {
    this.failed = true;
  }

  /** This report's turn to write: `start` says whether to write, `done` passes the turn on. */
  turn(finished: Promise<unknown>): { start: Promise<boolean>; done: () => void } {
    this.built.push(finished);
    const previous = this.previous;
    let done!: () => void;
    this.previous = new Promise<void>((resolve) => (done = resolve));
    return { start: Promise.all([previous, this.allBuilt]).then(([, ok]) => ok), done };
  }

  /** Every report is staged: the turns start once all are built. */
  close(): void {
    void Promise.allSettled(this.built).then((results) => this.closed(!this.failed && results.every((r) => r.status === "fulfilled")));
  }
}
