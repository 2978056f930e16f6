import { breakdowns, calendars, metrics } from './metrics/index.js';
import { minimumBase } from './metrics/types.js';

/** The registry as the API shows it: every metric's name, definition, unit, feeding module and freshness. */
export function presentRegistry() {
  return {
    minimumBase,
    metrics: metrics.map((m) => ({
      id: m.id, module: m.module, source: m.source.id, name: m.name, definition: m.definition, unit: m.unit, higherIsBetter: m.higherIsBetter,
      freshness: m.source.freshness, levels: [...m.source.levels], windowed: m.source.windowed, percentage: m.base !== undefined,
    })),
    breakdowns: breakdowns.map((b) => ({ id: b.id, module: b.module, name: b.name, unit: b.unit })),
    calendars: calendars.map((c) => ({ id: c.id, module: c.module, name: c.name, levels: [...c.levels] })),
  };
}
