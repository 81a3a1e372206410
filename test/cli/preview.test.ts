// `utfall preview` over HTTP, with a watcher the test drives: served pages get the reload script
// (the built files never do), a change rebuilds and announces "reload", a failing rebuild is
// announced and shown while the last good build stays served, a changed script is imported
// afresh, identity numbers never reach the page, and Ctrl-C stops it cleanly with exit 0.
import { appendFile, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { memoryIo } from "../../src/cli/io.ts";
import { EVENTS_PATH, injectReload } from "../../src/cli/preview-server.ts";
import { runPreview, startPreview, type Preview, type PreviewDeps } from "../../src/cli/preview.ts";
import { buildReport } from "../../src/report/build.ts";
import { isReportDefinition } from "../../src/report/report.ts";
import { TEST_ENV } from "../report/helpers.ts";
import { BAD_ROW, EXTRA_ROW, previewProject, reportScript, type Project } from "./preview-project.ts";

const ENV = { ...TEST_ENV, SOURCE_DATE_EPOCH: "1683007200" };

/** A watcher the test fires by hand. */
function manualWatch() {
  const listeners: ((file: string) => void)[] = [];
  let closed = 0;
  const deps: PreviewDeps = {
    watch: (_dir, onChange) => {
      listeners.push(onChange);
      return { close: () => void closed++ };
    },
    onInterrupt: () => () => {},
    nonce: () => "testnonce123",
    now: () => {
      throw new Error("the clock must not be read (SOURCE_DATE_EPOCH is set)");
    },
    quietMs: 10,
  };
  return { deps, fire: (file: string) => listeners.forEach((l) => l(file)), closed: () => closed, watched: () => listeners.length };
}

interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers: { Host: host }, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("timeout", () => req.destroy(new Error("request timed out")));
    req.on("error", reject);
    req.end();
  });
}

/** Opens the event stream and collects its events. */
function events(port: number): Promise<{ received: { event: string; data: unknown }[]; close(): void }> {
  return new Promise((resolve, reject) => {
    const received: { event: string; data: unknown }[] = [];
    const req = request({ host: "127.0.0.1", port, path: EVENTS_PATH, headers: { Host: `127.0.0.1:${port}` } }, (res) => {
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) received.push({ event, data: JSON.parse(data) });
        }
      });
      resolve({ received, close: () => req.destroy() });
    });
    req.on("error", reject);
    req.end();
  });
}

const figure = (html: string) => /data-figure="inskrivningar">([^<]*)</.exec(html)?.[1];

let project: Project | undefined;
let preview: Preview | undefined;
afterEach(async () => {
  await preview?.stop();
  preview = undefined;
  if (project) await rm(project.dir, { recursive: true, force: true });
  project = undefined;
});

async function start(w: ReturnType<typeof manualWatch>) {
  project = await previewProject();
  const io = memoryIo({ cwd: project.dir, env: ENV });
  preview = await startPreview({ reports: new Map([["uppfoljning", project.script]]), data: "data", public: false, port: 0 }, io, w.deps);
  return { io, project, preview };
}

describe("utfall preview (HTTP)", () => {
  it("serves the build on 127.0.0.1 with the reload script only in served pages, never in the built files", async () => {
    const w = manualWatch();
    const { io, project: p, preview: pv } = await start(w);
    expect(pv.url).toBe(`http://127.0.0.1:${pv.port}/`);
    expect(io.out()).toContain(`Förhandsvisning (preview): http://127.0.0.1:${pv.port}/`);
    expect(w.watched()).toBe(2); // the data folder and reports/

    const root = await get(pv.port, "/");
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe("/uppfoljning/");
    const page = await get(pv.port, "/uppfoljning/");
    expect(page.status).toBe(200);
    expect(figure(page.body)).toBe("16");
    expect(page.body).toContain('<script nonce="testnonce123">');
    expect(page.body).toMatch(/content="default-src 'none'; script-src 'nonce-testnonce123'; connect-src 'self';/);

    // The same build made directly: its files equal what is served, and its page has no script.
    const mod = (await import(p.script)) as { default: unknown };
    if (!isReportDefinition(mod.default)) throw new Error("no report");
    const built = await buildReport(mod.default, { name: "uppfoljning", dataDir: "data", public: false }, { log: () => {}, now: () => new Date(0), env: ENV, cwd: p.dir });
    const builtHtml = new TextDecoder().decode(built.files.get("index.html"));
    expect(builtHtml).not.toContain("<script");
    expect(page.body).toBe(injectReload(builtHtml, { report: "uppfoljning", nonce: "testnonce123" }));
    for (const file of ["figures.json", "figures/per-insats.svg", "tables/per-insats.csv", "figures/per-insats.txt"]) {
      expect((await get(pv.port, `/uppfoljning/${file}`)).body, file).toBe(new TextDecoder("utf-8", { ignoreBOM: true }).decode(built.files.get(file)));
    }
    const svg = await get(pv.port, "/uppfoljning/figures/per-insats.svg");
    expect(svg.headers["content-type"]).toBe("image/svg+xml");

    // Loopback only: another Host (DNS rebinding) is refused; unknown paths are 404.
    expect((await get(pv.port, "/uppfoljning/", "evil.example")).status).toBe(403);
    expect((await get(pv.port, "/uppfoljning/../../etc/passwd")).status).toBe(404);
    expect((await get(pv.port, "/annan/")).status).toBe(404);
  });

  it("rebuilds on a change and announces it; a failing rebuild is shown while the last good build stays", async () => {
    const w = manualWatch();
    const { io, project: p, preview: pv } = await start(w);
    const stream = await events(pv.port);
    try {
      await appendFile(p.csv, EXTRA_ROW);
      let next = pv.nextBuild();
      w.fire(p.csv);
      expect(await next).toEqual([{ report: "uppfoljning", ok: true }]);
      expect(figure((await get(pv.port, "/uppfoljning/")).body)).toBe("17");
      expect(stream.received).toContainEqual({ event: "reload", data: { report: "uppfoljning" } });

      // A bad cell: the strict load fails. The error is announced and shown; the last good build stays.
      await appendFile(p.csv, BAD_ROW);
      next = pv.nextBuild();
      w.fire(p.csv);
      const [failed] = await next;
      expect(failed.ok).toBe(false);
      expect(failed.message).toContain("deltagare.csv");
      const page = (await get(pv.port, "/uppfoljning/")).body;
      expect(figure(page)).toBe("17");
      expect(page).toContain('id="utfall-forhandsvisning-fel" role="alert"');
      expect(page).toContain("Ombyggnaden misslyckades");
      expect(stream.received.at(-1)).toEqual({ event: "build-error", data: { report: "uppfoljning", message: failed.message } });
      expect(io.err()).toContain("Fel: uppfoljning byggdes inte");

      // The script changes: it is imported afresh. Its error quotes an identity number, which
      // reaches neither the page, the event stream nor the terminal.
      await writeFile(p.csv, (await import("./preview-project.ts")).PARTICIPANTS);
      await writeFile(p.script, reportScript("Förhandsvisningstest", 'throw new Error("kontrollera 19850412-1230 igen");'));
      next = pv.nextBuild();
      w.fire(p.script);
      const [thrown] = await next;
      expect(thrown.ok).toBe(false);
      expect(thrown.message).toContain("kontrollera [personnummer dolt] igen");
      const errorPage = (await get(pv.port, "/uppfoljning/")).body;
      expect(errorPage).toContain("kontrollera [personnummer dolt] igen");
      for (const text of [errorPage, JSON.stringify(stream.received), io.out(), io.err()]) expect(text).not.toContain("19850412-1230");

      await writeFile(p.script, reportScript("Ny titel"));
      next = pv.nextBuild();
      w.fire(p.script);
      expect(await next).toEqual([{ report: "uppfoljning", ok: true }]);
      const fixed = (await get(pv.port, "/uppfoljning/")).body;
      expect(fixed).toContain("<title>Ny titel</title>");
      expect(figure(fixed)).toBe("16");
      expect(fixed).not.toContain('<div id="utfall-forhandsvisning-fel"');
    } finally {
      stream.close();
    }
  });
});

describe("utfall preview (several reports)", () => {
  it("lists the reports on the start page and serves each under its name", async () => {
    const w = manualWatch();
    project = await previewProject();
    const second = project.script.replace("uppfoljning.ts", "andra.ts");
    await writeFile(second, reportScript("Andra rapporten"));
    const io = memoryIo({ cwd: project.dir, env: ENV });
    preview = await startPreview({ reports: new Map([["uppfoljning", project.script], ["andra", second]]), data: "data", public: false, port: 0 }, io, w.deps);
    const start = await get(preview.port, "/");
    expect(start.status).toBe(200);
    expect(start.body).toContain('<a href="/uppfoljning/">Förhandsvisningstest (uppfoljning)</a>');
    expect(start.body).toContain('<a href="/andra/">Andra rapporten (andra)</a>');
    expect(start.body).toContain('<script nonce="testnonce123">');
    expect((await get(preview.port, "/andra/")).body).toContain("<title>Andra rapporten</title>");
    expect((await get(preview.port, "/andra")).headers.location).toBe("/andra/");
    // A change of one report's script rebuilds that report only; a data change rebuilds both.
    let next = preview.nextBuild();
    w.fire(second);
    expect((await next).map((o) => o.report)).toEqual(["andra"]);
    next = preview.nextBuild();
    w.fire(project.csv);
    expect((await next).map((o) => o.report)).toEqual(["uppfoljning", "andra"]);
  });
});

describe("utfall preview (command)", () => {
  it("prints its address, and Ctrl-C (SIGINT) stops it cleanly with exit 0: watchers closed, port released", async () => {
    const w = manualWatch();
    let interrupt: (() => void) | undefined;
    w.deps.onInterrupt = (stop) => {
      interrupt = stop;
      return () => {
        interrupt = undefined;
      };
    };
    project = await previewProject();
    const io = memoryIo({ cwd: project.dir, env: ENV });
    const running = runPreview(["uppfoljning", "--data", "data"], io, w.deps);
    let port: number | undefined;
    for (let i = 0; i < 200 && port === undefined; i++) {
      const m = /Avsluta med Ctrl-C/.test(io.out()) ? /http:\/\/127\.0\.0\.1:(\d+)\//.exec(io.out()) : null;
      if (m) port = Number(m[1]);
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(port, io.err()).toBeDefined();
    expect(figure((await get(port!, "/uppfoljning/")).body)).toBe("16");
    const stream = await events(port!);
    expect(interrupt).toBeDefined();
    interrupt!();
    expect(await running).toBe(0);
    stream.close();
    expect(w.closed()).toBe(2);
    expect(io.out()).toContain("Förhandsvisningen är stoppad");
    await expect(get(port!, "/uppfoljning/")).rejects.toThrow(/ECONNREFUSED/);
  });

  it("usage errors exit 2 with nothing on stdout", async () => {
    project = await previewProject();
    for (const args of [["--port", "70000"], ["--port", "x"], ["okand"], ["--data", "finns-inte"], ["--period", "2023-13"]]) {
      const io = memoryIo({ cwd: project.dir, env: ENV });
      expect(await runPreview(args, io, manualWatch().deps), args.join(" ")).toBe(2);
      expect(io.out()).toBe("");
      expect(io.err()).toMatch(/utfall preview: /);
    }
  });
});
