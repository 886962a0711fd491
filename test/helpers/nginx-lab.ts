// nginx from Debian as a real HTTPS server for interop tests: one private instance (its own prefix,
// configuration, logs, temp and pid files under a temporary folder) listening only on the loopback
// address and port it is given, with one server block per host name (SNI), each with its certificate,
// its document root and any extra directives (a redirect, a content type). MTA-STS policies are
// served this way, and BIMI logos and certificates can be.
//
// `startNginx({ address: '127.0.0.80', sites: [{ names: ['mta-sts.a.example'], certFile, keyFile,
// files: { '.well-known/mta-sts.txt': 'version: STSv1\n…' } }] })`; `stop()` ends it and removes the
// folder. A missing nginx is an error naming the Debian package, never a skip.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { hostPort, isExecutable, LOOPBACK, stopChild } from './lab-process.js';

export const NGINX_MISSING_MESSAGE =
  'nginx is not installed, and the interop suite needs it: install the Debian package "nginx-light" ' +
  '(apt-get install -y --no-install-recommends nginx-light, as .ci/run does when it is missing).';

const NGINX = '/usr/sbin/nginx';

export interface NginxSite {
  /** server_name values; the first names the site's folder. */
  readonly names: readonly string[];
  readonly certFile: string;
  readonly keyFile: string;
  /** Files under the document root, by relative path (string or bytes). */
  readonly files?: Readonly<Record<string, string | Buffer>>;
  /** More directives inside the server block (`location = /x { return 301 https://…; }`). */
  readonly directives?: readonly string[];
}

export interface NginxLabOptions {
  /** A loopback address (127.0.0.0/8 or ::1). */
  readonly address: string;
  /** Default 443 (root can bind it on a loopback address of its own). */
  readonly port?: number;
  readonly sites: readonly NginxSite[];
  /** Directives in the http block (default: `default_type application/octet-stream` and txt as text/plain). */
  readonly http?: readonly string[];
  readonly startTimeoutMs?: number;
}

export interface NginxLab {
  readonly address: string;
  readonly port: number;
  readonly dir: string;
  /** nginx's error log so far. */
  log(): string;
  stop(): Promise<void>;
}

/** nginx.conf for the lab: no daemon, one worker, everything below `dir`, one server per site. */
export function nginxConfig(dir: string, options: NginxLabOptions, port: number): string {
  const listen = hostPort(options.address, port);
  const servers = options.sites.map((site, i) =>
    [
      '  server {',
      `    listen ${listen} ssl;`,
      `    server_name ${site.names.join(' ')};`,
      `    ssl_certificate ${site.certFile};`,
      `    ssl_certificate_key ${site.keyFile};`,
      `    root ${join(dir, 'sites', String(i))};`,
      ...(site.directives ?? []).map((d) => `    ${d}`),
      '  }',
    ].join('\n'),
  );
  return [
    'daemon off;',
    'master_process on;',
    'worker_processes 1;',
    'user root root;',
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')} info;`,
    'events { worker_connections 64; }',
    'http {',
    '  access_log off;',
    `  client_body_temp_path ${join(dir, 'tmp', 'body')};`,
    `  proxy_temp_path ${join(dir, 'tmp', 'proxy')};`,
    `  fastcgi_temp_path ${join(dir, 'tmp', 'fastcgi')};`,
    `  uwsgi_temp_path ${join(dir, 'tmp', 'uwsgi')};`,
    `  scgi_temp_path ${join(dir, 'tmp', 'scgi')};`,
    ...(options.http ?? ['types { text/plain txt; }', 'default_type application/octet-stream;']).map((d) => `  ${d}`),
    ...servers,
    '}',
    '',
  ].join('\n');
}

function canConnect(address: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = net.connect({ host: address, port });
    const finish = (ok: boolean): void => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(500, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** Start nginx on a loopback address; resolves once it accepts connections. */
export async function startNginx(options: NginxLabOptions): Promise<NginxLab> {
  if (!LOOPBACK.test(options.address)) throw new Error(`nginx lab: ${options.address} is not a loopback address; labs listen on loopback only`);
  if (!isExecutable(NGINX)) throw new Error(NGINX_MISSING_MESSAGE);
  const port = options.port ?? 443;
  const dir = await mkdtemp(join(tmpdir(), 'authaudit-nginx-'));
  await chmod(dir, 0o755);
  await mkdir(join(dir, 'tmp'));
  for (const [i, site] of options.sites.entries()) {
    const root = join(dir, 'sites', String(i));
    await mkdir(root, { recursive: true });
    for (const [path, content] of Object.entries(site.files ?? {})) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), content);
    }
  }
  const conf = join(dir, 'nginx.conf');
  await writeFile(conf, nginxConfig(dir, options, port));
  const errorLog = join(dir, 'error.log');
  let output = '';
  // -e: the error log before the configuration is read (not /var/log/nginx)
  const child = spawn(NGINX, ['-p', dir, '-e', errorLog, '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const log = (): string => {
    try {
      return output + readFileSync(errorLog, 'utf8');
    } catch {
      return output;
    }
  };
  const stop = async (): Promise<void> => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 15000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const text = log();
      await stop();
      throw new Error(`nginx exited (${child.exitCode ?? child.signalCode}) before listening on ${hostPort(options.address, port)}:\n${text}`);
    }
    if (await canConnect(options.address, port)) break;
    if (Date.now() > deadline) {
      const text = log();
      await stop();
      throw new Error(`nginx did not listen on ${hostPort(options.address, port)} within the start time-out:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { address: options.address, port, dir, log, stop };
}
