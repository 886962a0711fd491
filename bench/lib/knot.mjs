// Knot DNS as a real authoritative server, for the interop suite (through test/helpers/knot.ts) and
// the benchmarks: knotd on 127.0.0.1 on a free port, serving every `*.zone` file of the given folders
// (origin = file name without `.zone`), optionally with the statistics module on so that the queries
// each side sends can be read from the server itself. Its configuration, databases and run directory
// live in a temporary folder removed on stop(). Plain JS so that node runs it without a build; the
// types are in knot.d.mts.
import { spawn, execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, delimiter, join, resolve } from 'node:path';
import dnsPacket from 'dns-packet';
import { isExecutable, stopProcess } from './child-process.mjs';

export const KNOT_MISSING =
  'Knot DNS (knotd) is not installed: install the Debian package "knot" (apt-get install -y knot) or set KNOTD=/path/to/knotd.';

/** The path of an executable `name` on $PATH or the sbin folders Debian uses, or null. */
export function findExecutable(name) {
  const folders = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const folder of folders) {
    if (folder === '') continue;
    const candidate = join(folder, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/** A Knot tool from $KNOTD / $KNOTC (by its name) or the usual places, or null when it is not installed. */
function findKnotTool(name) {
  const fromEnv = process.env[name.toUpperCase()];
  if (fromEnv !== undefined && fromEnv !== '') return isExecutable(fromEnv) ? fromEnv : null;
  return findExecutable(name);
}

/** knotd from $KNOTD or the usual places, or null when Knot DNS is not installed. */
export function findKnotd() {
  return findKnotTool('knotd');
}

/** Every `*.zone` file in the folders, sorted by origin; two files for one origin is an error. */
export async function zoneFilesIn(folders) {
  const zones = new Map();
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

/** knot.conf (Knot DNS 3.x YAML): one listener, no DNSSEC, no zone-file write-back, no journal; mod-stats when asked. */
export function knotConfig(dir, port, zones, options = {}) {
  const stats = options.stats === true;
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
    ...(stats ? ['mod-stats:', '  - id: counters', '    request-protocol: on', ''] : []),
    ...signingPolicies(zones),
    'template:',
    '  - id: default',
    `    storage: ${quote(join(dir, 'zones'))}`,
    ...(stats ? ['    global-module: mod-stats/counters'] : []),
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
    // a zone Knot signs itself (automatic signing with a policy of its algorithm), or a presigned
    // one whose signatures are meant to be wrong (the semantic checks would refuse it)
    if (zone.signing !== undefined) lines.push('    dnssec-signing: on', `    dnssec-policy: ${policyId(zone.signing)}`);
    if (zone.semanticChecks === false) lines.push('    semantic-checks: off');
  }
  return `${lines.join('\n')}\n`;
}

function policyId(signing) {
  return `${signing.algorithm}${signing.nsec3 === true ? '-nsec3' : ''}`;
}

/** One Knot `policy:` per algorithm and denial kind the zones ask for: one key (CSK), NSEC or NSEC3 (no salt, 0 iterations: RFC 9276). */
function signingPolicies(zones) {
  const policies = new Map();
  for (const zone of zones) if (zone.signing !== undefined) policies.set(policyId(zone.signing), zone.signing);
  if (policies.size === 0) return [];
  const lines = ['policy:'];
  for (const [id, signing] of policies) {
    lines.push(`  - id: ${id}`, `    algorithm: ${signing.algorithm}`, '    single-type-signing: on');
    if (signing.nsec3 === true) lines.push('    nsec3: on', '    nsec3-iterations: 0', '    nsec3-salt-length: 0');
  }
  lines.push('');
  return lines;
}

/** One UDP SOA query; true when the answer is NOERROR with the zone's SOA. */
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

/** Resolves once every zone answers its SOA; rejects, with Knot's log, when knotd exits or refuses a zone. */
async function waitForZones(child, port, zones, timeoutMs, log) {
  const deadline = Date.now() + timeoutMs;
  let pending = zones.map((z) => z.origin);
  while (pending.length > 0) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
      throw new Error(`knotd exited (${child.exitCode ?? child.signalCode}) before serving its zones:\n${log()}`);
    }
    // Knot logs `error: [zone.] …` when it cannot load a zone; it would never serve it.
    const failed = pending.find((origin) => log().toLowerCase().includes(`error: [${origin}.]`));
    if (failed !== undefined) throw new Error(`knotd did not serve ${failed}: it could not load the zone:\n${log()}`);
    const answered = await Promise.all(pending.map((origin) => soaAnswered(port, origin, 300)));
    pending = pending.filter((_, i) => !answered[i]);
    if (pending.length === 0) return;
    if (Date.now() > deadline) {
      const named = pending.length > 5 ? `${pending.slice(0, 5).join(', ')} and ${pending.length - 5} more` : pending.join(', ');
      throw new Error(`knotd did not serve ${named} within ${timeoutMs} ms:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Start knotd serving every `*.zone` file of `options.zoneDirs`, or the zones `options.zones` lists
 * (`{ origin, file }`: a layout whose file names do not name the zones); resolves once every zone
 * answers its SOA.
 */
export async function startKnot(options) {
  const missing = options.missingMessage ?? KNOT_MISSING;
  const fromEnv = process.env.KNOTD;
  const knotd = options.knotd ?? findKnotd() ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : null);
  if (knotd === null) throw new Error(missing);
  if (!isExecutable(knotd)) throw new Error(`${missing} (${knotd} is not an executable file)`);
  const zones = options.zones ?? (await zoneFilesIn(options.zoneDirs));
  if (zones.length === 0) throw new Error(`no zones to serve (${(options.zoneDirs ?? []).join(', ')})`);

  const dir = await mkdtemp(join(tmpdir(), 'authaudit-knot-'));
  await Promise.all(['run', 'db', 'zones'].map((sub) => mkdir(join(dir, sub))));
  const port = await freePort();
  const configFile = join(dir, 'knot.conf');
  await writeFile(configFile, knotConfig(dir, port, zones, { stats: options.stats === true }));

  const child = spawn(knotd, ['--config', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const log = () => stderr;
  // if the process dies without stop(), knotd and its folder still go with it
  const onExit = () => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const stop = async () => {
    process.off('exit', onExit);
    await stopProcess(child);
    await rm(dir, { recursive: true, force: true });
  };
  const spawnError = new Promise((_, fail) => child.once('error', fail));
  spawnError.catch(() => undefined); // handled by the race below; later errors surface as exits
  const ready = waitForZones(child, port, zones, options.readyTimeoutMs ?? 20000, log);
  ready.catch(() => undefined); // when spawning fails first, the race below reports that instead
  try {
    await Promise.race([ready, spawnError]);
  } catch (error) {
    await stop();
    throw error;
  }

  const knotc = options.stats === true ? findKnotTool('knotc') : null;
  return {
    address: '127.0.0.1',
    port,
    server: { address: '127.0.0.1', port, family: 4 },
    zones,
    dir,
    log,
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
    stop,
  };
}
