// What every real-component lab of the tests shares (nginx-lab.ts, postfix-lab.ts): labs listen on
// loopback addresses only, their program must be an executable file, an address:port is written the
// way configuration files want it, and a child process is stopped with SIGTERM, then SIGKILL.
// the binary check and the stop are the benchmarks' too (bench/lib/child-process.mjs)
export { isExecutable, stopProcess as stopChild } from '../../bench/lib/child-process.mjs';

/** 127.0.0.0/8 or ::1: the only addresses a lab may listen on. */
export const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1)$/;

/** `127.0.0.1:25`, `[::1]:25`. */
export const hostPort = (address: string, port: number): string => (address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`);
