#!/usr/bin/env node
// `npm run dev`: the API (tsx watch, restarts on change) and the Vite dev server (HMR, proxies
// /api and /open311 to the API) side by side. Ctrl-C or a signal stops both; if one exits, the
// other is stopped too so nothing lingers on its port.
import { spawn } from 'node:child_process';
import { setTimeout } from 'node:timers';

const apiPort = process.env.PORT ?? '3000';
const children = [];
let stopping = false;

function run(name, command, args, env) {
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[dev] ${name} exited (${signal ?? code}); stopping the rest`);
      stop('SIGTERM', code ?? 1);
    }
  });
  children.push(child);
  return child;
}

function stop(signal, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
  // Give them a moment to close their ports, then leave.
  setTimeout(() => process.exit(exitCode), 1500).unref();
}

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
run('api', bin('tsx'), ['watch', '--clear-screen=false', 'src/server/main.ts'], { PORT: apiPort });
run('web', bin('vite'), [], { GONGZHI_API: `http://localhost:${apiPort}` });

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));
