import { readdirSync, readFileSync, statSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** The functions with the most self time in the newest .cpuprofile of a directory (node --cpu-prof). */
export function topFunctions(dir: string, n = 12): { fn: string; selfPct: number }[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => `${dir}/${f}`);
  if (!files.length) return [];
  const newest = files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;
  const profile = JSON.parse(readFileSync(newest, 'utf8')) as { nodes: ProfileNode[] };
  const self = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(dist|src)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'}${where ? ` (${where})` : ''}`;
    self.set(key, (self.get(key) ?? 0) + hits);
    total += hits;
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([fn, hits]) => ({ fn, selfPct: Math.round((hits / total) * 1000) / 10 }));
}
