// How a benchmark that starts servers and programs runs: `work` gets a list to push clean-ups on
// (stop knotd, remove a folder; run last first) and a set of child processes (killed first), and
// everything is cleaned up on success, on error, when the watchdog fires after `watchdogMs`, and on
// SIGINT/SIGTERM (then the process exits 130/143), so no knotd or temp folder outlives a run.

/**
 * @template T
 * @param {string} name what the watchdog's error calls the benchmark
 * @param {number} watchdogMs
 * @param {(run: { cleanups: Array<() => Promise<unknown>>, children: Set<import('node:child_process').ChildProcess> }) => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function guardedRun(name, watchdogMs, work) {
  const cleanups = [];
  const children = new Set();
  const cleanup = async () => {
    for (const child of children) child.kill('SIGKILL');
    while (cleanups.length > 0) await cleanups.pop()().catch((e) => console.error(`cleanup: ${e.message}`));
  };
  let watchdog;
  const timedOut = new Promise((_, fail) => {
    watchdog = setTimeout(() => fail(new Error(`${name} did not finish within ${watchdogMs / 1000} s`)), watchdogMs);
  });
  const onSignal = (signal) => {
    void cleanup().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await Promise.race([work({ cleanups, children }), timedOut]);
  } finally {
    clearTimeout(watchdog);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}
