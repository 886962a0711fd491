// What every real-component lab of the tests shares (nginx-lab.ts, postfix-lab.ts): labs listen on
// loopback addresses only, their program must be an executable file, an address:port is written the
// way configuration files want it, and a child process is stopped with SIGTERM, then SIGKILL.
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/** 127.0.0.0/8 or ::1: the only addresses a lab may listen on. */
export const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1)$/;

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `127.0.0.1:25`, `[::1]:25`. */
export const hostPort = (address: string, port: number): string => (address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`);

/** SIGTERM, and SIGKILL after 5 s; resolves when the child has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
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
