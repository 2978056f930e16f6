import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

/** The parent's environment with overrides; an override of '' removes the variable (e.g. DATABASE_URL for PGlite). */
function childEnv(overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env, ...overrides };
  for (const [k, v] of Object.entries(overrides)) if (v === '') delete env[k];
  return env;
}
const tsx = `${root}node_modules/.bin/tsx`;

/** Runs a command to completion, streaming its output with a prefix; rejects on a non-zero exit. */
export function runCommand(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, prefix = ''): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    const forward = (chunk: Buffer) => process.stdout.write(chunk.toString().replace(/^(?=.)/gm, prefix));
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

/** Runs a tsx script that prints one JSON line, and parses it. */
export function runJsonScript<T>(script: string, input: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [script, JSON.stringify(input)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code}: ${err.slice(-2000)}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!) as T);
      } catch (e) {
        reject(new Error(`${script} printed no JSON: ${out.slice(-500)} ${String(e)}`));
      }
    });
  });
}

export interface Server {
  child: ChildProcess;
  pid: number;
  url: string;
  stop(): Promise<void>;
}

/** Starts a long-running server process and waits until `readyUrl` answers 200. */
export async function startServer(cmd: string, args: string[], env: NodeJS.ProcessEnv, port: number, readyPath: string, timeoutMs = 180_000): Promise<Server> {
  const child = spawn(cmd, args, { cwd: root, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
  child.stderr!.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) => child.on('exit', (code) => reject(new Error(`${cmd} exited with ${code} before it was ready:\n${log}`))));
  const ready = (async () => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      try {
        const res = await fetch(url + readyPath);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${cmd} not ready after ${timeoutMs} ms:\n${log}`);
  })();
  await Promise.race([ready, exited]);
  exited.catch(() => undefined);
  return {
    child, pid: child.pid!, url,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }),
  };
}

/** Resident and peak memory of a process (kB → MB), from /proc. */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: Math.round(kb('VmRSS') / 1024), hwmMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every 250 ms until stopped; returns the peak seen and VmHWM. */
export function sampleMemory(pid: number): () => { peakRssMb: number; hwmMb: number } {
  let peak = memoryOf(pid)?.rssMb ?? 0;
  const timer = setInterval(() => {
    const m = memoryOf(pid);
    if (m && m.rssMb > peak) peak = m.rssMb;
  }, 250);
  return () => {
    clearInterval(timer);
    const m = memoryOf(pid);
    return { peakRssMb: Math.max(peak, m?.rssMb ?? 0), hwmMb: m?.hwmMb ?? 0 };
  };
}

export { tsx };
