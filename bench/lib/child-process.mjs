// What every program a test or benchmark starts needs (knotd, nginx, Postfix): whether its binary
// is an executable file, and stopping it with SIGTERM, then SIGKILL after 5 s.
import { accessSync, constants } from 'node:fs';

export function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, and SIGKILL after 5 s; resolves when the child has exited. */
export function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}
