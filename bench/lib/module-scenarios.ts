import { openDatabase } from '../../src/db/client.js';
import { registry } from '../../src/kernel/registry.js';
import '../../src/modules/index.js';
import { openSession } from '../city/session.js';
import type { CityFacts } from './prepare.js';
import type { ScenarioSpec } from './scenarios.js';

/** Each module's bench facts, read before the server starts (PGlite admits one process). */
export async function moduleFacts(target: { databaseUrl?: string; dataDir?: string }, city: CityFacts): Promise<Map<string, unknown>> {
  const modules = registry().modules.filter((m) => m.scale?.benchFacts);
  const out = new Map<string, unknown>();
  if (modules.length === 0) return out;
  const database = await openDatabase({ ...target, poolSize: 2 });
  const s = await openSession(database);
  try {
    for (const m of modules) out.set(m.id, await m.scale!.benchFacts!({ cityId: city.cityId, cityCode: city.cityCode, query: (sql, params) => s.query(sql, params) }));
  } finally {
    await s.release();
    await database.close();
  }
  return out;
}

/**
 * Each module's scenarios, with sessions of the generated city's accounts. With `only`, a module
 * is first built with stand-in sessions to learn its scenario keys, and logs in for real only if
 * one of them is asked for: the logins (scrypt, hundreds of accounts) were minutes of every run.
 */
export async function moduleScenarios(facts: Map<string, unknown>, login: (username: string) => Promise<Record<string, string>>, only?: string[]): Promise<ScenarioSpec[]> {
  const out: ScenarioSpec[] = [];
  for (const m of registry().modules) {
    if (!m.scale?.benchScenarios) continue;
    if (only) {
      const keys = (await m.scale.benchScenarios(facts.get(m.id), async () => ({}))).map((s) => s.key);
      if (!keys.some((k) => only.includes(k))) continue;
    }
    out.push(...await m.scale.benchScenarios(facts.get(m.id), login));
  }
  return out;
}
