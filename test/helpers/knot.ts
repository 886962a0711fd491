// Knot DNS as a real authoritative server for the interop suite: knotd on 127.0.0.1 on a free port,
// serving every `*.zone` file of the given folders (origin = file name without `.zone`), with its
// configuration, databases and run directory in a temporary folder that is removed on stop().

import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, delimiter, join, resolve } from 'node:path';
import { decodeMessage } from '../../src/dns/dns-packet-shim.js';
import { encodeQuery } from '../../src/dns/wire.js';

export interface KnotZone {
  /** Zone apex without the trailing dot. */
  origin: string;
  /** Absolute path of the zone file. */
  file: string;
}

export interface KnotServer {
  readonly address: '127.0.0.1';
  readonly port: number;
  readonly zones: readonly KnotZone[];
  /** The temporary folder holding knot.conf, the databases and the run directory. */
  readonly dir: string;
  /** What knotd wrote to stderr so far (warnings and errors). */
  log(): string;
  stop(): Promise<void>;
}

export interface StartKnotOptions {
  /** Folders whose `*.zone` files are served. */
  zoneDirs: readonly string[];
  /** knotd to run; default: $KNOTD, then knotd on $PATH, /usr/sbin, /usr/local/sbin, /sbin. */
  knotd?: string;
  /** How long to wait for every zone to answer its SOA. Default 20 s. */
  readyTimeoutMs?: number;
}

export const KNOT_MISSING_MESSAGE =
  'Knot DNS (knotd) is not installed, and the interop suite needs it: install the Debian package "knot" ' +
  '(apt-get install -y knot, as .ci/run does when knotd is missing) or set KNOTD=/path/to/knotd.';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The path of an executable `name` on $PATH or the sbin folders Debian uses, or null. */
export function findExecutable(name: string): string | null {
  const folders = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const folder of folders) {
    if (folder === '') continue;
    const candidate = join(folder, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/** knotd from $KNOTD or the usual places, or null when Knot DNS is not installed. */
export function findKnotd(): string | null {
  const fromEnv = process.env['KNOTD'];
  if (fromEnv !== undefined && fromEnv !== '') return isExecutable(fromEnv) ? fromEnv : null;
  return findExecutable('knotd');
}

/** Every `*.zone` file in the folders, sorted by origin; two files for one origin is an error. */
export async function zoneFilesIn(folders: readonly string[]): Promise<KnotZone[]> {
  const zones = new Map<string, KnotZone>();
  for (const folder of folders) {
    const names = (await readdir(folder)).filter((n) => n.endsWith('.zone')).sort();
    for (const name of names) {
      const origin = basename(name, '.zone').toLowerCase();
      const file = resolve(folder, name);
      const earlier = zones.get(origin);
      if (earlier !== undefined) throw new Error(`zone ${origin} is in both ${earlier.file} and ${file}`);
      zones.set(origin, { origin, file });
    }
  }
  return [...zones.values()].sort((a, b) => a.origin.localeCompare(b.origin));
}

/** A port free on 127.0.0.1 for both UDP and TCP at the moment of asking. */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = createSocket('udp4');
    const port = await new Promise<number>((done, fail) => {
      udp.once('error', fail);
      udp.bind(0, '127.0.0.1', () => done(udp.address().port));
    });
    const tcpFree = await new Promise<boolean>((done) => {
      const server = createServer();
      server.once('error', () => done(false));
      server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
    });
    await new Promise<void>((done) => udp.close(() => done()));
    if (tcpFree) return port;
  }
  throw new Error('no free port on 127.0.0.1 for both UDP and TCP after 20 tries');
}

function quote(value: string): string {
  return JSON.stringify(value); // YAML double-quoted strings accept JSON string syntax
}

/** knot.conf (Knot DNS 3.x YAML): one listener, no DNSSEC, no zone-file write-back, no journal. */
export function knotConfig(dir: string, port: number, zones: readonly KnotZone[]): string {
  const lines = [
    'server:',
    `    rundir: ${quote(join(dir, 'run'))}`,
    `    listen: 127.0.0.1@${port}`,
    '    udp-workers: 1',
    '    tcp-workers: 1',
    '    background-workers: 1',
    '',
    'control:',
    `    listen: ${quote(join(dir, 'run', 'knot.sock'))}`,
    '',
    'log:',
    '  - target: stderr',
    '    any: warning',
    '',
    'database:',
    `    storage: ${quote(join(dir, 'db'))}`,
    '',
    'template:',
    '  - id: default',
    `    storage: ${quote(join(dir, 'zones'))}`,
    '    semantic-checks: on',
    '    zonefile-sync: -1',
    '    zonefile-load: whole',
    '    journal-content: none',
    '    dnssec-signing: off',
    '',
    'zone:',
  ];
  for (const zone of zones) {
    lines.push(`  - domain: ${quote(`${zone.origin}.`)}`, `    file: ${quote(zone.file)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** One UDP SOA query; true when the answer is authoritative NOERROR with the zone's SOA. */
function soaAnswered(port: number, origin: string, timeoutMs: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createSocket('udp4');
    const id = Math.floor(Math.random() * 0x10000);
    const finish = (ok: boolean): void => {
      clearTimeout(timer);
      socket.close();
      done(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('error', () => finish(false));
    socket.on('message', (bytes) => {
      try {
        const message = decodeMessage(bytes);
        const soa = message.answers.some((r) => r.type === 'SOA');
        finish(message.id === id && message.rcode === 'NOERROR' && soa);
      } catch {
        finish(false);
      }
    });
    const query = encodeQuery({ id, name: origin, type: 'SOA' });
    socket.send(query, port, '127.0.0.1');
  });
}

async function waitForZones(
  child: ChildProcess,
  port: number,
  zones: readonly KnotZone[],
  timeoutMs: number,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(zones.map((z) => z.origin));
  while (pending.size > 0) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
      throw new Error(`knotd exited (${child.exitCode ?? child.signalCode}) before serving its zones:\n${log()}`);
    }
    for (const origin of [...pending]) {
      // Knot logs `error: [zone.] …` when it cannot load a zone; it would never serve it.
      if (log().toLowerCase().includes(`error: [${origin}.]`)) {
        throw new Error(`knotd did not serve ${origin}: it could not load the zone:\n${log()}`);
      }
      if (await soaAnswered(port, origin, 200)) pending.delete(origin);
    }
    if (pending.size === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`knotd did not serve ${[...pending].join(', ')} within ${timeoutMs} ms:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
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

/** Start knotd serving the zone folders; resolves once every zone answers its SOA. */
export async function startKnot(options: StartKnotOptions): Promise<KnotServer> {
  const fromEnv = process.env['KNOTD'];
  const knotd = options.knotd ?? findKnotd() ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : null);
  if (knotd === null) throw new Error(KNOT_MISSING_MESSAGE);
  if (!isExecutable(knotd)) throw new Error(`${KNOT_MISSING_MESSAGE} (${knotd} is not an executable file)`);
  const zones = await zoneFilesIn(options.zoneDirs);
  if (zones.length === 0) throw new Error(`no *.zone files in ${options.zoneDirs.join(', ')}`);

  const dir = await mkdtemp(join(tmpdir(), 'authaudit-knot-'));
  await Promise.all(['run', 'db', 'zones'].map((sub) => mkdir(join(dir, sub))));
  const port = await freePort();
  const configFile = join(dir, 'knot.conf');
  await writeFile(configFile, knotConfig(dir, port, zones));

  const child = spawn(knotd, ['--config', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const spawnError = new Promise<never>((_, fail) => child.once('error', fail));
  spawnError.catch(() => undefined); // handled by the race below; later errors surface as exits
  const log = (): string => stderr;
  const ready = waitForZones(child, port, zones, options.readyTimeoutMs ?? 20000, log);
  ready.catch(() => undefined); // when spawning fails first, the race below reports that instead
  try {
    await Promise.race([ready, spawnError]);
  } catch (error) {
    await stopProcess(child);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    address: '127.0.0.1',
    port,
    zones,
    dir,
    log,
    async stop() {
      await stopProcess(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
