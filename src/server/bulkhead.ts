/**
 * At most `limit` callers run at once; the others wait their turn (FIFO). For responses whose cost
 * is memory held across awaits (a 1,000-row page being read, named and rendered): the server's CPU
 * serialises them anyway, so running 64 at once only multiplies the rows held in memory.
 */
export function bulkhead(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next caller, or free it.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
