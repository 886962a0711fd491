// Unbound as a real validating resolver for the interop suite: `unbound -d` on 127.0.0.1 on a free
// port, trusting the given trust-anchor file, reaching the lab zones through stub zones on loopback
// Knot servers. Its configuration and pid file live in a temporary folder removed on stop(). Missing
// unbound is an error naming the Debian package, never a skip.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeQuery } from '../../src/dns/wire.js';
import { findExecutable } from './knot.js';

export const UNBOUND_MISSING =
  'Unbound (unbound) is not installed, and the interop suite needs it: install the Debian package "unbound" (apt-get install -y unbound, as .ci/run does).';

export interface UnboundServer {
  readonly port: number;
  readonly server: { address: '127.0.0.1'; port: number; family: 4 };
  log(): string;
  stop(): Promise<void>;
}

export interface StartUnboundOptions {
  /** A file of DS or DNSKEY records (Unbound's `trust-anchor-file`). */
  anchorFile: string;
  /** Zones and the loopback port of the server that is authoritative for each. */
  stubs: readonly { zone: string; port: number }[];
}

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  const port = await new Promise<number>((done, fail) => {
    socket.once('error', fail);
    socket.bind(0, '127.0.0.1', () => done(socket.address().port));
  });
  await new Promise<void>((done) => socket.close(() => done()));
  return port;
}

function answers(port: number, name: string): Promise<boolean> {
  return new Promise((done) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => finish(false), 300);
    const finish = (ok: boolean): void => {
      clearTimeout(timer);
      socket.close();
      done(ok);
    };
    socket.on('error', () => finish(false));
    socket.on('message', () => finish(true));
    socket.send(encodeQuery({ id: 1, name, type: 'SOA' }), port, '127.0.0.1');
  });
}

export async function startUnbound(options: StartUnboundOptions): Promise<UnboundServer> {
  const unbound = findExecutable('unbound');
  if (unbound === null) throw new Error(UNBOUND_MISSING);
  const dir = await mkdtemp(join(tmpdir(), 'authaudit-unbound-'));
  const port = await freeUdpPort();
  const q = (s: string): string => JSON.stringify(s);
  const config = [
    'server:',
    `  interface: 127.0.0.1@${port}`,
    `  port: ${port}`,
    '  do-ip6: no',
    '  do-not-query-localhost: no',
    '  username: ""',
    '  chroot: ""',
    `  directory: ${q(dir)}`,
    `  pidfile: ${q(join(dir, 'unbound.pid'))}`,
    '  use-syslog: no',
    '  logfile: ""',
    '  verbosity: 1',
    '  val-log-level: 2',
    '  num-threads: 1',
    '  qname-minimisation: no',
    '  access-control: 127.0.0.0/8 allow',
    `  trust-anchor-file: ${q(options.anchorFile)}`,
    '  module-config: "validator iterator"',
    ...options.stubs.flatMap((s) => ['stub-zone:', `  name: ${q(`${s.zone}.`)}`, `  stub-addr: 127.0.0.1@${s.port}`]),
    '',
  ].join('\n');
  const file = join(dir, 'unbound.conf');
  await writeFile(file, config);
  const child = spawn(unbound, ['-d', '-c', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`unbound exited (${child.exitCode}) before answering:\n${stderr}`);
    }
    if (await answers(port, options.stubs[0]?.zone ?? '')) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`unbound did not answer within 15 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, server: { address: '127.0.0.1', port, family: 4 }, log: () => stderr, stop };
}
