/**
 * Vega-Lite spec → SVG string, in Node, without a browser or canvas.
 *
 * - Vega-Lite compile → vega parse → vega View (renderer "none") → `toSVG()`. The compile and
 *   parse are cached by the spec without its data (vega-cache.ts), the data put back after.
 * - Text widths come from the shipped DejaVu Sans TTF (fonts.ts), installed as
 *   `vega.textMetrics.width`, so long Swedish labels are laid out (and cut by `labelLimit` only
 *   where the spec says so) exactly as resvg and browsers draw them with that font.
 * - The view gets the Swedish number and time locale (locale.ts) as a view option; vega's global
 *   default locale is left alone.
 * - Ids of clip paths and gradients are renumbered in order of appearance and prefixed with
 *   `idPrefix` ("d1-clip1", "d1-gradient1", …): the same spec gives byte-identical SVG whatever
 *   was rendered before, and charts rendered with different prefixes can be inlined in one page
 *   without id collisions. `idPrefix` must be a valid XML name start ([A-Za-z_][\w.-]*).
 * - Vega-Lite's compiler and the vega view log through an injected logger, never the console:
 *   their warnings (e.g. "Conflicting legend property …") go to `onWarning` when given and are
 *   dropped otherwise, so a build prints nothing of its own. Errors still throw, or, when vega
 *   only logs them, go to `onWarning` prefixed "ERROR " (to the console without a handler).
 * - The output is vega's SVG as is otherwise. Accessibility attributes inside the chart are
 *   switched off by the theme (`config.aria: false`); the report engine gives the root element
 *   role="img" and links it to the caption and the text alternative (src/render/html.ts).
 */
import * as vega from "vega";
import type { TopLevelSpec } from "vega-lite";
import { FONT_FAMILY, measureText } from "./fonts.ts";
import { SWEDISH_LOCALE } from "./locale.ts";
import { runtimeSpec } from "./vega-cache.ts";

/** The subset of a vega scenegraph text item that text measurement reads. */
interface TextItem {
  fontSize?: number | string | null;
  fontWeight?: string | number | null;
  font?: string | null;
  limit?: number | null;
  ellipsis?: string | null;
  dir?: string | null;
}

interface TextMetrics {
  width: (item: TextItem, text: unknown) => number;
  height: (item: TextItem) => number;
}

function fontSize(item: TextItem): number {
  return item.fontSize != null ? +item.fontSize || 0 : 11;
}

/**
 * Width of one line of text for vega, from the TTF metrics. vega calls it both for layout bounds
 * and, through its own `truncate`, to find where to cut a label at `limit` px. Returning at most
 * `limit` serves both: a text wider than the limit is cut by vega (the test `width < limit` fails
 * and the binary search over prefixes sees true widths below the limit), and its bounds are the
 * limit, as wide as the cut text with its ellipsis can be.
 */
function ttfWidth(item: TextItem, line: unknown): number {
  const size = fontSize(item);
  const text = line == null ? "" : String(line).trim();
  if (size <= 0 || !text) return 0;
  const width = measureText(text, size, item.fontWeight);
  const limit = item.limit != null ? +item.limit : 0;
  return limit > 0 ? Math.min(width, limit) : width;
}

let installed = false;
/**
 * Replaces vega's text width estimate with TTF measurement (process-wide: vega keeps one
 * `textMetrics` object). Idempotent; `renderSvg` calls it.
 */
export function installTextMetrics(): void {
  if (installed) return;
  const tm = (vega as unknown as { textMetrics: TextMetrics }).textMetrics;
  tm.width = ttfWidth;
  installed = true;
}

const ID_PREFIX = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Renames every `id="…"` in `svg` to `${prefix}${kind}${n}` (kind = the id's letters, n counted
 * per kind in order of appearance) and rewrites the `url(#…)` and `href="#…"` references to them.
 */
export function namespaceIds(svg: string, prefix: string): string {
  if (!ID_PREFIX.test(prefix)) throw new Error(`renderSvg: idPrefix ${JSON.stringify(prefix)} is not a valid XML name start`);
  const map = new Map<string, string>();
  const counts = new Map<string, number>();
  const out = svg.replace(/\bid="([^"]+)"/g, (_m, id: string) => {
    let next = map.get(id);
    if (next === undefined) {
      const kind = (/^[A-Za-z]+/.exec(id)?.[0] ?? "id").toLowerCase();
      const n = (counts.get(kind) ?? 0) + 1;
      counts.set(kind, n);
      next = `${prefix}${kind}${n}`;
      map.set(id, next);
    }
    return `id="${next}"`;
  });
  return out
    .replace(/url\(#([^)]+)\)/g, (m, id: string) => {
      const next = map.get(id);
      return next === undefined ? m : `url(#${next})`;
    })
    .replace(/(\bhref=")#([^"]+)"/g, (m, attr: string, id: string) => {
      const next = map.get(id);
      return next === undefined ? m : `${attr}#${next}"`;
    });
}

/** Receives a warning message of Vega-Lite's compiler or the vega runtime. */
export type WarningHandler = (message: string) => void;

const WARN_LEVEL = 2; // vega-util: None 0, Error 1, Warn 2, Info 3, Debug 4

/** A vega-util `LoggerInterface`: warnings to `onWarning` (or nowhere), errors to `onWarning` (or
 *  the console), info and debug nowhere. */
export function quietLogger(onWarning?: WarningHandler) {
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : JSON.stringify(a))).join(" ");
  const logger = {
    level(_?: number) {
      return _ === undefined ? WARN_LEVEL : logger;
    },
    error(...args: unknown[]) {
      // vega logs some dataflow errors without rejecting: never swallow them.
      const message = `ERROR ${text(args)}`;
      if (onWarning) onWarning(message);
      else console.error(message);
      return logger;
    },
    warn(...args: unknown[]) {
      onWarning?.(text(args));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}

// Renders run one at a time: vega's id counters and text metrics are module state.
let queue: Promise<unknown> = Promise.resolve();

async function renderOnce(spec: TopLevelSpec, idPrefix: string, onWarning?: WarningHandler): Promise<string> {
  installTextMetrics();
  const logger = quietLogger(onWarning);
  const view = new vega.View(runtimeSpec(spec, logger) as vega.Runtime, {
    renderer: "none",
    logger,
    logLevel: WARN_LEVEL,
    // ViewOptions.locale is typed as a Locale object but takes {number, time} definitions.
    locale: SWEDISH_LOCALE as unknown as vega.ViewOptions["locale"],
  });
  try {
    (vega as unknown as { resetSVGDefIds(): void }).resetSVGDefIds();
    const svg = await view.toSVG();
    return namespaceIds(svg, idPrefix);
  } finally {
    view.finalize();
  }
}

/**
 * Renders a Vega-Lite spec to an SVG string (no XML prolog). Same input → byte-identical output.
 * Charts from `src/charts/` carry the theme (DejaVu Sans, Swedish formats) in `spec.config`.
 * Warnings of Vega-Lite and vega go to `opts.onWarning` (default: dropped), not to the console.
 */
export function renderSvg(spec: TopLevelSpec, opts: { idPrefix: string; onWarning?: WarningHandler }): Promise<string> {
  const run = queue.then(() => renderOnce(spec, opts.idPrefix, opts.onWarning));
  queue = run.catch(() => undefined);
  return run;
}

export { FONT_FAMILY };
