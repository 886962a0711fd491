// At most `max` tasks at once; the rest wait in order (so a large audit does not open hundreds of
// sockets or flood one resolver).

export interface ConcurrencyLimit {
  run<R>(task: () => Promise<R>): Promise<R>;
  /** Tasks running now and tasks waiting (for tests and progress). */
  load(): { running: number; waiting: number };
}

export function createConcurrencyLimit(max: number): ConcurrencyLimit {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency must be a positive integer, not ${max}`);
  let running = 0;
  const waiting: Array<() => void> = [];

  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  return {
    async run<R>(task: () => Promise<R>): Promise<R> {
      if (running < max) running++;
      else await new Promise<void>((resolve) => waiting.push(resolve)); // the slot is handed over
      try {
        return await task();
      } finally {
        release();
      }
    },
    load: () => ({ running, waiting: waiting.length }),
  };
}
