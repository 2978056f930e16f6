import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { root } from './processes.js';

export interface Machine {
  cores: number;
  ramGb: number;
  cpuModel: string;
  node: string;
  postgres?: string;
  pglite: string;
  loadAverage: string;
}

/** The machine as /proc and the runtimes describe it. */
export function describeMachine(postgres?: string): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const pglite = JSON.parse(readFileSync(`${root}node_modules/@electric-sql/pglite/package.json`, 'utf8')) as { version: string };
  return {
    cores: cpus().length,
    ramGb: Math.round(totalmem() / 2 ** 30),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown',
    node: process.version,
    postgres,
    pglite: pglite.version,
    loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  };
}
