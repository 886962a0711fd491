// Test certificates made in the test with the openssl command: a private CA and leaf certificates
// for given DNS names, valid now or expired (any validity window, through `openssl ca`), written as
// PEM files into a folder the caller owns. Servers in tests (nginx, Postfix, node) use them; the
// checks trust the CA through --ca-file.

import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface TestCa {
  readonly dir: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly pem: string;
}

export interface LeafFiles {
  readonly certFile: string;
  readonly keyFile: string;
  /** The leaf followed by the CA: what a server sends as its chain. */
  readonly chainFile: string;
}

export interface LeafOptions {
  /** subjectAltName DNS names; the first is the subject CN too. */
  readonly names: readonly string[];
  /** `openssl ca` dates (YYYYMMDDHHMMSSZ); default: valid from yesterday for 30 days. */
  readonly startDate?: string;
  readonly endDate?: string;
}

const openssl = (args: string[], cwd: string): string => execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function stamp(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/** A self-signed CA (EC P-256) in `dir`. */
export async function makeTestCa(dir: string, name = 'authaudit test CA'): Promise<TestCa> {
  await mkdir(join(dir, 'ca', 'new'), { recursive: true });
  const keyFile = join(dir, 'ca', 'ca.key');
  const certFile = join(dir, 'ca', 'ca.pem');
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', keyFile], dir);
  openssl(['req', '-x509', '-new', '-key', keyFile, '-subj', `/CN=${name}`, '-days', '30', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', certFile], dir);
  await writeFile(join(dir, 'ca', 'index.txt'), '');
  await writeFile(join(dir, 'ca', 'serial'), '1000\n');
  await writeFile(
    join(dir, 'ca', 'openssl.cnf'),
    [
      '[ ca ]',
      'default_ca = lab',
      '[ lab ]',
      `dir = ${join(dir, 'ca')}`,
      'database = $dir/index.txt',
      'serial = $dir/serial',
      'new_certs_dir = $dir/new',
      `certificate = ${certFile}`,
      `private_key = ${keyFile}`,
      'default_md = sha256',
      'policy = any',
      'unique_subject = no',
      'copy_extensions = copy',
      'email_in_dn = no',
      '[ any ]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  return { dir, certFile, keyFile, pem: await readFile(certFile, 'utf8') };
}

let leafCount = 0;

/** A leaf certificate signed by `ca` for `names`, with its key and chain, in the CA's folder. */
export async function makeLeaf(ca: TestCa, options: LeafOptions): Promise<LeafFiles> {
  const base = join(ca.dir, `leaf-${++leafCount}`);
  const keyFile = `${base}.key`;
  const csrFile = `${base}.csr`;
  const certFile = `${base}.pem`;
  const chainFile = `${base}.chain.pem`;
  const first = options.names[0] ?? 'localhost';
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', keyFile], ca.dir);
  const san = options.names.map((n) => `DNS:${n}`).join(',');
  openssl(['req', '-new', '-key', keyFile, '-subj', `/CN=${first}`, '-addext', `subjectAltName=${san}`, '-addext', 'extendedKeyUsage=serverAuth', '-out', csrFile], ca.dir);
  const now = Date.now();
  const startDate = options.startDate ?? stamp(new Date(now - 86400000));
  const endDate = options.endDate ?? stamp(new Date(now + 30 * 86400000));
  openssl(['ca', '-batch', '-config', join(ca.dir, 'ca', 'openssl.cnf'), '-notext', '-startdate', startDate, '-enddate', endDate, '-in', csrFile, '-out', certFile], ca.dir);
  await writeFile(chainFile, (await readFile(certFile, 'utf8')) + ca.pem);
  return { certFile, keyFile, chainFile };
}

/** An expired leaf: valid for a month, two years ago. */
export function makeExpiredLeaf(ca: TestCa, names: readonly string[]): Promise<LeafFiles> {
  const now = Date.now();
  return makeLeaf(ca, { names, startDate: stamp(new Date(now - 730 * 86400000)), endDate: stamp(new Date(now - 700 * 86400000)) });
}
