// A private Postfix instance for interop tests: Debian's Postfix run from its own configuration and
// queue folders under a temporary folder, listening only on the loopback address (and port) it is
// given, logging to a string the test can read. Nothing of the machine's own Postfix (/etc/postfix,
// /var/spool/postfix, port 25 on every address) is read or touched, so several labs run side by side.
//
// Start it with `startPostfix({ address: '127.0.0.25', tls: { certFile, keyFile } })`; give `mainCf`
// settings and `masterCf` lines to make it relay, bounce or reject as a test needs (a test that wants
// real DSNs sets `mydestination`, `relayhost` or transport maps there). `stop()` ends the master
// process and removes the folder.
//
// Needs root (Postfix's master drops to the `postfix` user) and the Debian package `postfix`; a missing
// package is an error naming it, never a skip.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostPort, isExecutable, LOOPBACK } from './lab-process.js';

export const POSTFIX_MISSING_MESSAGE =
  'Postfix is not installed, and the interop suite needs it: install the Debian package "postfix" ' +
  '(apt-get install -y --no-install-recommends postfix, as .ci/run does when it is missing).';

const POSTFIX = '/usr/sbin/postfix';

export interface PostfixLabOptions {
  /** A loopback address (127.0.0.0/8 or ::1) for the SMTP listener. */
  readonly address: string;
  /** The SMTP port; default a port free on `address` when asked. */
  readonly port?: number;
  /** `myhostname`: the name in the banner and the EHLO reply (default mx.lab.example). */
  readonly hostname?: string;
  /** PEM files for STARTTLS; without them the server offers no STARTTLS. */
  readonly tls?: { readonly certFile: string; readonly keyFile: string } | null;
  /** More main.cf settings (they override the lab's defaults). */
  readonly mainCf?: Readonly<Record<string, string>>;
  /** More master.cf lines (services), appended as given. */
  readonly masterCf?: readonly string[];
  /** How long to wait for the banner after start (default 20 s). */
  readonly startTimeoutMs?: number;
}

export interface PostfixLab {
  readonly address: string;
  readonly port: number;
  /** The lab's temporary folder: etc/ (main.cf, master.cf), spool/ (the queue), data/. */
  readonly dir: string;
  readonly configDir: string;
  readonly queueDir: string;
  /** Postfix's log so far (its maillog_file and the start command's output), for assertions and failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/** A TCP port free on `address` at the moment of asking. */
export function freeTcpPort(address: string): Promise<number> {
  return new Promise((done, fail) => {
    const server = net.createServer();
    server.once('error', fail);
    server.listen(0, address, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => done(port));
    });
  });
}

/** The ids of the `postfix` user and `postdrop` group Debian's package creates. */
function postfixIds(): { uid: number; gid: number; postdrop: number } {
  const id = (args: string[]): number => Number(execFileSync('id', args, { encoding: 'utf8' }).trim());
  const postdrop = Number(execFileSync('getent', ['group', 'postdrop'], { encoding: 'utf8' }).split(':')[2]);
  return { uid: id(['-u', 'postfix']), gid: id(['-g', 'postfix']), postdrop };
}


/** main.cf: one instance confined to its folder and its loopback listener; `extra` wins. */
export function postfixMainCf(dir: string, options: PostfixLabOptions): string {
  const settings: Record<string, string> = {
    compatibility_level: '3.6',
    queue_directory: join(dir, 'spool'),
    data_directory: join(dir, 'data'),
    mail_owner: 'postfix',
    setgid_group: 'postdrop',
    myhostname: options.hostname ?? 'mx.lab.example',
    mydestination: '',
    mynetworks: '127.0.0.0/8 [::1]/128',
    // Postfix accepts only addresses of an interface here (lo holds 127.0.0.1 alone); the one inet
    // service of master.cf names the lab's own address, so nothing listens on these.
    inet_interfaces: 'loopback-only',
    inet_protocols: options.address.includes(':') ? 'ipv6' : 'ipv4',
    // no DNS for the lab: the client's name is not looked up, nor are any hosts the lab would send to
    smtpd_peername_lookup: 'no',
    smtp_dns_support_level: 'disabled',
    alias_maps: '',
    alias_database: '',
    local_recipient_maps: '',
    // postlogd writes the log here (node's stdio pipes are sockets, which /dev/stdout cannot open)
    maillog_file: join(dir, 'maillog'),
    maillog_file_prefixes: dir,
    smtputf8_enable: 'no',
    ...(options.tls
      ? {
          smtpd_tls_cert_file: options.tls.certFile,
          smtpd_tls_key_file: options.tls.keyFile,
          smtpd_tls_security_level: 'may',
          smtpd_tls_loglevel: '1',
        }
      : { smtpd_tls_security_level: 'none' }),
    ...options.mainCf,
  };
  return `${Object.entries(settings)
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n')}\n`;
}

/** master.cf: the listener on the lab's address, and the services Postfix needs, none chrooted. */
export function postfixMasterCf(address: string, port: number, extra: readonly string[] = []): string {
  const lines = [
    `${hostPort(address, port)} inet n - n - - smtpd`,
    'pickup    unix  n - n 60 1 pickup',
    'cleanup   unix  n - n - 0 cleanup',
    'qmgr      unix  n - n 300 1 qmgr',
    'tlsmgr    unix  - - n 1000? 1 tlsmgr',
    'rewrite   unix  - - n - - trivial-rewrite',
    'bounce    unix  - - n - 0 bounce',
    'defer     unix  - - n - 0 bounce',
    'trace     unix  - - n - 0 bounce',
    'verify    unix  - - n - 1 verify',
    'flush     unix  n - n 1000? 0 flush',
    'proxymap  unix  - - n - - proxymap',
    'proxywrite unix - - n - 1 proxymap',
    'smtp      unix  - - n - - smtp',
    'relay     unix  - - n - - smtp',
    'showq     unix  n - n - - showq',
    'error     unix  - - n - - error',
    'retry     unix  - - n - - error',
    'discard   unix  - - n - - discard',
    'local     unix  - n n - - local',
    'virtual   unix  - n n - - virtual',
    'lmtp      unix  - - n - - lmtp',
    'anvil     unix  - - n - 1 anvil',
    'scache    unix  - - n - 1 scache',
    'postlog   unix-dgram n - n - 1 postlogd',
    ...extra,
  ];
  return `${lines.join('\n')}\n`;
}

/** The queue folders with the owners and modes Postfix checks (what post-install would create). */
async function makeQueue(spool: string, ids: { uid: number; gid: number; postdrop: number }): Promise<void> {
  await mkdir(join(spool, 'pid'), { recursive: true });
  for (const name of ['active', 'bounce', 'corrupt', 'defer', 'deferred', 'flush', 'hold', 'incoming', 'private', 'saved', 'trace']) {
    const path = join(spool, name);
    await mkdir(path);
    await chown(path, ids.uid, ids.gid);
    await chmod(path, 0o700);
  }
  for (const [name, mode] of [
    ['maildrop', 0o730],
    ['public', 0o710],
  ] as const) {
    const path = join(spool, name);
    await mkdir(path);
    await chown(path, ids.uid, ids.postdrop);
    await chmod(path, mode);
  }
}

/** Resolves with the first reply line once the server greets with 220; rejects on anything else. */
export function readBanner(address: string, port: number, timeoutMs = 2000): Promise<string> {
  return new Promise((done, fail) => {
    const socket = net.connect({ host: address, port });
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      fail(new Error(`no banner from ${address}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      const line = /^(\d{3})[ -].*\r?\n/m.exec(text);
      if (line === null) return;
      clearTimeout(timer);
      socket.end('QUIT\r\n');
      socket.destroy();
      if (line[1] === '220') done(line[0].trim());
      else fail(new Error(`${address}:${port} greeted with ${line[0].trim()}`));
    });
  });
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Ends the instance: `start-fg` leaves master running on its own when the postfix command goes, so
 * the lab ends the master named in its own pid file (SIGTERM, then SIGKILL after 5 s), then the command.
 */
async function stopInstance(queueDir: string, child: ChildProcess): Promise<void> {
  const pidText = await readFile(join(queueDir, 'pid', 'master.pid'), 'utf8').catch(() => '');
  const pid = Number(pidText.trim());
  if (Number.isInteger(pid) && pid > 1 && alive(pid)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

/** Start a private Postfix on a loopback address; resolves once it greets with 220. */
export async function startPostfix(options: PostfixLabOptions): Promise<PostfixLab> {
  if (!LOOPBACK.test(options.address)) throw new Error(`postfix lab: ${options.address} is not a loopback address; labs listen on loopback only`);
  if (!isExecutable(POSTFIX)) throw new Error(POSTFIX_MISSING_MESSAGE);
  const ids = postfixIds();
  const port = options.port ?? (await freeTcpPort(options.address));

  const dir = await mkdtemp(join(tmpdir(), 'authaudit-postfix-'));
  // Postfix's daemons run as `postfix` and must reach the queue below this folder.
  await chmod(dir, 0o755);
  const configDir = join(dir, 'etc');
  const queueDir = join(dir, 'spool');
  const dataDir = join(dir, 'data');
  await mkdir(configDir);
  await mkdir(dataDir);
  await chown(dataDir, ids.uid, ids.gid);
  await makeQueue(queueDir, ids);
  await writeFile(join(configDir, 'main.cf'), postfixMainCf(dir, options));
  await writeFile(join(configDir, 'master.cf'), postfixMasterCf(options.address, port, options.masterCf));

  let output = '';
  // start-fg keeps master in the foreground: the lab owns the process and its log (maillog_file).
  const child = spawn(POSTFIX, ['-c', configDir, 'start-fg'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MAIL_CONFIG: configDir } });
  child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const log = (): string => {
    let file = '';
    try {
      file = readFileSync(join(dir, 'maillog'), 'utf8');
    } catch {
      // not written yet
    }
    return output + file;
  };
  const stop = async (): Promise<void> => {
    await stopInstance(queueDir, child);
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 20000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const text = log();
      await stop();
      throw new Error(`postfix exited (${child.exitCode ?? child.signalCode}) before greeting on ${hostPort(options.address, port)}:\n${text}`);
    }
    try {
      await readBanner(options.address, port, 1000);
      break;
    } catch (e) {
      if (Date.now() > deadline) {
        const text = log();
        await stop();
        throw new Error(`postfix did not greet on ${hostPort(options.address, port)} within the start time-out (${(e as Error).message}):\n${text}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { address: options.address, port, dir, configDir, queueDir, log, stop };
}
