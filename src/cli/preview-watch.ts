/**
 * Watching for `utfall preview`: a folder watcher (injected; the real one is `fs.watch`,
 * recursive) and a collector that waits until changes have been quiet for a moment, so an editor
 * saving a file in several steps or a copy of many files gives one rebuild.
 */
import { watch as fsWatchRaw } from "node:fs";
import path from "node:path";

export interface Watcher {
  close(): void;
}

/** Calls `onChange` with the absolute path of a file that changed under `dir`. */
export type Watch = (dir: string, onChange: (file: string) => void) => Watcher;

/** `fs.watch(dir, { recursive: true })`; a folder that cannot be watched is reported through `onError`. */
export function fsWatch(onError: (dir: string, err: Error) => void): Watch {
  return (dir, onChange) => {
    const w = fsWatchRaw(dir, { recursive: true }, (_event, file) => onChange(path.join(dir, file === null ? "" : String(file))));
    w.on("error", (err) => onError(dir, err));
    return { close: () => w.close() };
  };
}

/**
 * Collects changed files and calls `flush` with them once nothing has changed for `quietMs`.
 * `flush` runs one at a time: changes that arrive while it runs are collected for the next call.
 */
export class ChangeCollector {
  private pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly quietMs: number,
    private readonly flush: (files: ReadonlySet<string>) => Promise<void>,
  ) {}

  add(file: string): void {
    if (this.closed) return;
    this.pending.add(file);
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), this.quietMs);
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    if (this.running) {
      await this.running;
      if (this.timer !== undefined || this.pending.size === 0) return;
    }
    if (this.closed || this.pending.size === 0) return;
    const files = this.pending;
    this.pending = new Set();
    this.running = this.flush(files).finally(() => {
      this.running = undefined;
    });
    await this.running;
    if (this.pending.size > 0 && this.timer === undefined) this.timer = setTimeout(() => void this.run(), this.quietMs);
  }

  /** Stops collecting and waits for a running flush to end. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
