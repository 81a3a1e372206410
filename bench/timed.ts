/**
 * Run a command as its own process under `/usr/bin/time` (when present) and return its wall
 * time, user + system CPU and peak RSS (the largest of the process and its waited-for children).
 * Used by bench/startup.ts and bench/peers/run.ts.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const TIME = "/usr/bin/time";

export interface Timed {
  wallS: number;
  /** null without /usr/bin/time */
  cpuS: number | null;
  /** null without /usr/bin/time */
  peakMiB: number | null;
  code: number;
  stdout: string;
  stderr: string;
}

let seq = 0;

export function timed(command: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Timed> {
  const timeFile = path.join(os.tmpdir(), `utfall-bench-${process.pid}-${seq++}.time`);
  const useTime = fs.existsSync(TIME);
  const [cmd, argv] = useTime ? [TIME, ["-f", "%e %U %S %M", "-o", timeFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("error", reject);
    child.on("close", (code) => {
      const r: Timed = { wallS: (performance.now() - t0) / 1000, cpuS: null, peakMiB: null, code: code ?? 1, stdout, stderr };
      if (useTime && fs.existsSync(timeFile)) {
        const last = fs.readFileSync(timeFile, "utf8").trim().split("\n").pop() ?? "";
        const [e, u, s, m] = last.split(" ").map(Number);
        if ([e, u, s, m].every(Number.isFinite)) Object.assign(r, { wallS: e, cpuS: u + s, peakMiB: m / 1024 });
        fs.rmSync(timeFile, { force: true });
      }
      resolve(r);
    });
  });
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/** Swedish decimal comma. */
export const dec = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d).replace(".", ",") : "–");

/** Is some file in src/ newer than the last `npm run build` (dist/.built)? */
export function buildIsStale(root: string): boolean {
  let built: number;
  try {
    built = fs.statSync(path.join(root, "dist", ".built")).mtimeMs;
  } catch {
    return true;
  }
  const newer = (dir: string): boolean =>
    fs.readdirSync(dir, { withFileTypes: true }).some((e) =>
      e.isDirectory() ? newer(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs > built,
    );
  return newer(path.join(root, "src"));
}

export const STALE_NOTE = "obs: src/ har ändrats sedan senaste bygget; utfall mäts från dist/ (note: src/ changed since the last build; utfall runs from dist/: npm run build)";
