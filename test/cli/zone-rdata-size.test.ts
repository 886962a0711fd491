// The BUILT command on a zone file holding a TXT record too large to send (RFC 1035 §3.2.1):
// exit 2 and one line naming the file, line and column of its first string, the size and the limit.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'authaudit-rdata-'));
  file = join(dir, 'big.example.zone');
  const strings = Array.from({ length: 288 }, () => `"${'x'.repeat(255)}"`).join(' ');
  writeFileSync(file, `$TTL 300\n@ SOA ns hostmaster 1 7200 900 1209600 300\n@ TXT "v=spf1 -all"\nbig TXT ${strings}\n`);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('authaudit --zone with a 72 KB TXT: exit 2, one line file:line:column: reason', async () => {
  const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ['bin/authaudit.js', '--zone', file, 'big.example'], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' } }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr });
    });
  });
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toBe(`authaudit: ${file}:4:9: TXT RDATA is 73728 bytes on the wire: at most 65535, since RDLENGTH is 16 bits (RFC 1035 §3.2.1); spread the text over several records or names\n`);
});
