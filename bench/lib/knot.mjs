// Knot DNS for the benchmarks (plain JS, modelled on test/helpers/knot.ts): knotd on 127.0.0.1 on a
// free port, serving every `*.zone` file of a folder (origin = file name without `.zone`), with the
// statistics module on so that the queries each side sends can be read from the server itself.
// Its configuration, databases and run directory live in a temporary folder removed on stop().
import { spawn, execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { accessSync, constants, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, delimiter, join, resolve } from 'node:path';
import dnsPacket from 'dns-packet';

export const KNOT_MISSING =
  'Knot DNS (knotd) is not installed: install the Debian package "knot" (apt-get install -y knot) or set KNOTD=/path/to/knotd.';

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `name` on $PATH or in the sbin folders Debian uses, or null. */
export function findExecutable(name) {
  const env = name === 'knotd' ? process.env.KNOTD : name === 'knotc' ? process.env.KNOTC : undefined;
  if (env) return executable(env) ? env : null;
  for (const folder of [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin']) {
    if (folder !== '' && executable(join(folder, name))) return join(folder, name);
  }
  return null;
}

async function freePort() {
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = createSocket('udp4');
    const port = await new Promise((done, fail) => {
      udp.once('error', fail);
      udp.bind(0, '127.0.0.1', () => done(udp.address().port));
    });
    const tcpFree = await new Promise((done) => {
      const server = createServer();
      server.once('error', () => done(false));
      server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
    });
    await new Promise((done) => udp.close(() => done()));
    if (tcpFree) return port;
  }
  throw new Error('no free port on 127.0.0.1 for both UDP and TCP after 20 tries');
}

const quote = (value) => JSON.stringify(value); // YAML double-quoted strings accept JSON string syntax

/** knot.conf (Knot DNS 3.x): one listener, no DNSSEC, no write-back, no journal, mod-stats on. */
export function knotConfig(dir, port, zones) {
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
    'mod-stats:',
    '  - id: counters',
    '    request-protocol: on',
    '',
    'template:',
    '  - id: default',
    `    storage: ${quote(join(dir, 'zones'))}`,
    '    global-module: mod-stats/counters',
    '    semantic-checks: on',
    '    zonefile-sync: -1',
    '    zonefile-load: whole',
    '    journal-content: none',
    '    dnssec-signing: off',
    '',
    'zone:',
  ];
  for (const zone of zones) lines.push(`  - domain: ${quote(`${zone.origin}.`)}`, `    file: ${quote(zone.file)}`);
  return `${lines.join('\n')}\n`;
}

function soaAnswered(port, origin, timeoutMs) {
  return new Promise((done) => {
    const socket = createSocket('udp4');
    const id = Math.floor(Math.random() * 0x10000);
    const finish = (ok) => {
      clearTimeout(timer);
      socket.close();
      done(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('error', () => finish(false));
    socket.on('message', (bytes) => {
      try {
        const m = dnsPacket.decode(bytes);
        finish(m.id === id && m.rcode === 'NOERROR' && m.answers.some((r) => r.type === 'SOA'));
      } catch {
        finish(false);
      }
    });
    socket.send(dnsPacket.encode({ type: 'query', id, questions: [{ type: 'SOA', name: origin }] }), port, '127.0.0.1');
  });
}

function stopProcess(child) {
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

/**
 * Start knotd serving every `*.zone` file of `zoneDir`; resolves once every zone answers its SOA.
 * @param {{ zoneDir: string, readyTimeoutMs?: number }} options
 */
export async function startKnot(options) {
  const knotd = findExecutable('knotd');
  if (knotd === null) throw new Error(KNOT_MISSING);
  const files = (await readdir(options.zoneDir)).filter((n) => n.endsWith('.zone')).sort();
  const zones = files.map((n) => ({ origin: basename(n, '.zone').toLowerCase(), file: resolve(options.zoneDir, n) }));
  if (zones.length === 0) throw new Error(`no *.zone files in ${options.zoneDir}`);

  const dir = await mkdtemp(join(tmpdir(), 'authaudit-bench-knot-'));
  await Promise.all(['run', 'db', 'zones'].map((sub) => mkdir(join(dir, sub))));
  const port = await freePort();
  const configFile = join(dir, 'knot.conf');
  await writeFile(configFile, knotConfig(dir, port, zones));

  const child = spawn(knotd, ['--config', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr += chunk));
  // if the benchmark dies without stop(), knotd and its folder still go with it
  const onExit = () => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const spawned = new Promise((_, fail) => child.once('error', fail));
  spawned.catch(() => undefined);

  const ready = (async () => {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 30000);
    let pending = zones.map((z) => z.origin);
    while (pending.length > 0) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`knotd exited before serving its zones:\n${stderr}`);
      const failed = pending.find((origin) => stderr.toLowerCase().includes(`error: [${origin}.]`));
      if (failed !== undefined) throw new Error(`knotd could not load zone ${failed}:\n${stderr}`);
      const answered = await Promise.all(pending.map((origin) => soaAnswered(port, origin, 300)));
      pending = pending.filter((_, i) => !answered[i]);
      if (pending.length === 0) return;
      if (Date.now() > deadline) throw new Error(`knotd did not serve ${pending.slice(0, 5).join(', ')}… in time:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  ready.catch(() => undefined);
  try {
    await Promise.race([ready, spawned]);
  } catch (error) {
    process.off('exit', onExit);
    await stopProcess(child);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const knotc = findExecutable('knotc');
  return {
    address: '127.0.0.1',
    port,
    server: { address: '127.0.0.1', port, family: 4 },
    zones,
    dir,
    log: () => stderr,
    /**
     * Queries the server has received since it started (mod-stats request-protocol, all zones),
     * or null when knotc is unavailable or the counters cannot be read.
     */
    async queriesReceived() {
      if (knotc === null) return null;
      const output = await new Promise((done) => {
        execFile(knotc, ['--socket', join(dir, 'run', 'knot.sock'), 'stats', 'mod-stats.request-protocol'], (error, stdout) =>
          done(error ? null : stdout),
        );
      });
      if (output === null) return null;
      let total = 0;
      for (const match of output.matchAll(/request-protocol\[[^\]]+\]\s*=\s*(\d+)/g)) total += Number(match[1]);
      return total;
    },
    async stop() {
      process.off('exit', onExit);
      await stopProcess(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
