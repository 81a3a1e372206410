/**
 * The HTTP side of `utfall preview`: serves the last good build of each report from memory on
 * the loopback interface, and tells open pages over server-sent events when to reload or that a
 * rebuild failed.
 *
 * The reload script is added only to the pages served here (`injectReload`): the built files
 * themselves are never changed. The report page's Content-Security-Policy forbids every script
 * and connection; the served copy allows exactly one script (by nonce) and connections to this
 * server. Requests whose Host header is not this server's loopback address are refused (a web
 * page elsewhere cannot read the preview through DNS rebinding).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

/** The address the preview listens on: loopback only. */
export const PREVIEW_HOST = "127.0.0.1";
/** Path of the event stream. */
export const EVENTS_PATH = "/__utfall/handelser";

export interface ServedReport {
  title: string;
  /** Relative path → bytes, as `buildReport` returns them. */
  files: ReadonlyMap<string, Uint8Array>;
}

/** What the server shows; the preview updates it after every build. */
export interface PreviewState {
  /** Report names, in display order. */
  names(): readonly string[];
  /** The last good build of a report, if any. */
  good(name: string): ServedReport | undefined;
  /** The error of the last build of a report when it failed (already free of identity numbers). */
  error(name: string): string | undefined;
}

export type PreviewEvent = { kind: "reload"; report: string } | { kind: "build-error"; report: string; message: string };

export interface PreviewServer {
  port: number;
  /** http://127.0.0.1:<port>/ */
  url: string;
  /** Sends an event to every open page. */
  notify(event: PreviewEvent): void;
  /** Ends the event streams and stops listening. */
  close(): Promise<void>;
}

export interface ServerOptions {
  /** 0 = a free port chosen by the system. */
  port: number;
  /** The nonce that lets the injected script run (fresh per preview). */
  nonce: string;
  /** Comment sent on idle event streams, in milliseconds (default 15 000). */
  keepAliveMs?: number;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".pdf": "application/pdf",
};

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** The script every served page gets: reload on a new build of its report, show a failed one. */
function reloadScript(report: string | null, nonce: string): string {
  const js = `(() => {
  const report = ${JSON.stringify(report)};
  const mine = (d) => report === null || d.report === report;
  const show = (message) => {
    let box = document.getElementById("utfall-forhandsvisning-fel");
    if (!box) {
      box = document.createElement("div");
      box.id = "utfall-forhandsvisning-fel";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;top:0;z-index:1000;max-height:50vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#fff4f4;color:#5c0000;border-bottom:4px solid #b00020;font:14px/1.45 'DejaVu Sans',Arial,sans-serif;white-space:pre-wrap";
      document.body.prepend(box);
    }
    box.textContent = message;
  };
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  events.addEventListener("reload", (e) => { if (mine(JSON.parse(e.data))) location.reload(); });
  events.addEventListener("build-error", (e) => {
    const d = JSON.parse(e.data);
    if (mine(d)) show("Ombyggnaden misslyckades; sidan visar det senaste lyckade bygget. (The rebuild failed; this page shows the last good build.)\\n\\n" + d.message);
  });
})();`;
  return `<script nonce="${nonce}">\n${js}\n</script>`;
}

/** The error box as served HTML, for a page opened while its report's last build has failed. */
function errorBox(message: string): string {
  return (
    `<div id="utfall-forhandsvisning-fel" role="alert" style="position:fixed;left:0;right:0;top:0;z-index:1000;max-height:50vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#fff4f4;color:#5c0000;border-bottom:4px solid #b00020;font:14px/1.45 'DejaVu Sans',Arial,sans-serif;white-space:pre-wrap">` +
    `Ombyggnaden misslyckades; sidan visar det senaste lyckade bygget. (The rebuild failed; this page shows the last good build.)\n\n${escapeHtml(message)}</div>`
  );
}

/**
 * A served copy of a report page: its CSP widened by exactly the nonce'd script and connections
 * to this server, the reload script before `</body>`, and the error box when the last build failed.
 */
export function injectReload(html: string, opts: { report: string | null; nonce: string; error?: string }): string {
  const csp = html.replace(
    /(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")/i,
    (_, open: string, policy: string, close: string) => `${open}${policy.replace(/default-src 'none'/, `default-src 'none'; script-src 'nonce-${opts.nonce}'; connect-src 'self'`)}${close}`,
  );
  const extra = (opts.error !== undefined ? errorBox(opts.error) : "") + reloadScript(opts.report, opts.nonce);
  const at = csp.lastIndexOf("</body>");
  return at < 0 ? csp + extra : `${csp.slice(0, at)}${extra}\n${csp.slice(at)}`;
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}a{color:#0b4f8a}pre{white-space:pre-wrap;background:#fff4f4;border-left:4px solid #b00020;padding:1rem}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The start page: the reports, each with its state. */
function indexPage(state: PreviewState): string {
  const items = state
    .names()
    .map((name) => {
      const good = state.good(name);
      const err = state.error(name);
      const label = good ? `${escapeHtml(good.title)} (${escapeHtml(name)})` : escapeHtml(name);
      const status = err !== undefined ? " – senaste bygget misslyckades (the last build failed)" : "";
      return good ? `<li><a href="/${encodeURIComponent(name)}/">${label}</a>${status}</li>` : `<li>${label}${status}</li>`;
    })
    .join("\n");
  return page("utfall – förhandsvisning", `<h1>Förhandsvisning (preview)</h1>\n<ul>\n${items}\n</ul>`);
}

/** Shown for a report that has no good build yet. */
function notBuiltPage(name: string, error: string | undefined): string {
  const why = error === undefined ? "<p>Rapporten byggs … (the report is being built)</p>" : `<p>Rapporten kunde inte byggas (the report could not be built):</p>\n<pre>${escapeHtml(error)}</pre>`;
  return page(`${name} – förhandsvisning`, `<h1>${escapeHtml(name)}</h1>\n${why}`);
}

export async function startPreviewServer(state: PreviewState, opts: ServerOptions): Promise<PreviewServer> {
  const streams = new Set<ServerResponse>();
  let port = opts.port;

  const send = (res: ServerResponse, status: number, type: string, body: string | Uint8Array, head = false) => {
    res.writeHead(status, {
      "Content-Type": type,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    });
    res.end(head ? undefined : body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host ?? "";
    if (host !== `${PREVIEW_HOST}:${port}` && host !== `localhost:${port}`) {
      send(res, 403, "text/plain; charset=utf-8", "Förbjuden värd (forbidden host)\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      send(res, 405, "text/plain; charset=utf-8", "Endast GET (GET only)\n");
      return;
    }
    const head = req.method === "HEAD";
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? "/", `http://${PREVIEW_HOST}`).pathname);
    } catch {
      send(res, 400, "text/plain; charset=utf-8", "Felaktig adress (bad request)\n");
      return;
    }
    if (pathname === EVENTS_PATH) {
      res.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", Connection: "keep-alive" });
      res.write("retry: 1000\n\n");
      streams.add(res);
      req.on("close", () => streams.delete(res));
      return;
    }
    const names = state.names();
    if (pathname === "/") {
      if (names.length === 1) {
        res.writeHead(302, { Location: `/${encodeURIComponent(names[0])}/`, "Cache-Control": "no-store" });
        res.end();
      } else send(res, 200, TYPES[".html"], injectReload(indexPage(state), { report: null, nonce: opts.nonce }), head);
      return;
    }
    const [, name = "", ...rest] = pathname.split("/");
    if (!names.includes(name)) {
      send(res, 404, "text/plain; charset=utf-8", "Finns inte (not found)\n", head);
      return;
    }
    if (rest.length === 0) {
      res.writeHead(301, { Location: `/${encodeURIComponent(name)}/`, "Cache-Control": "no-store" });
      res.end();
      return;
    }
    const file = rest.join("/") === "" ? "index.html" : rest.join("/");
    const good = state.good(name);
    const error = state.error(name);
    if (file === "index.html" && good === undefined) {
      send(res, 200, TYPES[".html"], injectReload(notBuiltPage(name, error), { report: name, nonce: opts.nonce }), head);
      return;
    }
    const bytes = good?.files.get(file);
    if (bytes === undefined || file.split("/").some((part) => part === ".." || part === "")) {
      send(res, 404, "text/plain; charset=utf-8", "Finns inte (not found)\n", head);
      return;
    }
    if (file === "index.html") {
      const html = injectReload(new TextDecoder().decode(bytes), error === undefined ? { report: name, nonce: opts.nonce } : { report: name, nonce: opts.nonce, error });
      send(res, 200, TYPES[".html"], html, head);
      return;
    }
    send(res, 200, TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream", bytes, head);
  };

  const server = createServer(handle);
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, PREVIEW_HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const keepAlive = setInterval(() => {
    for (const res of streams) res.write(": håll vid liv\n\n");
  }, opts.keepAliveMs ?? 15_000);
  keepAlive.unref();

  return {
    port,
    url: `http://${PREVIEW_HOST}:${port}/`,
    notify(event) {
      const { kind, ...data } = event;
      const message = `event: ${kind}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const res of streams) res.write(message);
    },
    async close() {
      clearInterval(keepAlive);
      for (const res of streams) res.end();
      streams.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
