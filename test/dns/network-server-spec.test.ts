// `--resolver` values and /etc/resolv.conf.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LOCAL_NAMESERVERS, parseResolvConf, systemNameservers } from '../../src/dns/resolv-conf.js';
import { ServerSpecError, formatServerSpec, parseServerSpec } from '../../src/dns/server-spec.js';

describe('parseServerSpec', () => {
  test.each([
    ['192.0.2.1', { address: '192.0.2.1', port: 53, family: 4 }],
    ['192.0.2.1:5353', { address: '192.0.2.1', port: 5353, family: 4 }],
    ['[::1]:5353', { address: '::1', port: 5353, family: 6 }],
    ['[2001:db8::1]', { address: '2001:db8::1', port: 53, family: 6 }],
    ['::1', { address: '::1', port: 53, family: 6 }],
    ['2001:db8::53', { address: '2001:db8::53', port: 53, family: 6 }],
    [' 127.0.0.1:53 ', { address: '127.0.0.1', port: 53, family: 4 }],
    // a link-local server names its link (RFC 4007 §11.2); the text is kept for the socket
    ['[fe80::1%eth0]:5353', { address: 'fe80::1%eth0', port: 5353, family: 6 }],
    ['FE80::1%2', { address: 'FE80::1%2', port: 53, family: 6 }],
  ])('%s', (text, expected) => {
    expect(parseServerSpec(text)).toEqual(expected);
  });

  test.each([
    ['', /empty/],
    ['dns.google', /not an IP address.*by address, not by name/],
    ['192.0.2.1:0', /port 0 is outside 1-65535/],
    ['192.0.2.1:65536', /port 65536 is outside/],
    ['192.0.2.1:dns', /port 'dns' is not a number/],
    ['192.0.2.300', /not a valid IPv4 address/],
    ['[::1', /missing '\]'/],
    ['[192.0.2.1]:53', /not an IPv6 address/],
    ['[192.0.2.1%eth0]:53', /not an IPv6 address/],
    ['010.0.0.1', /not a valid IPv4 address/],
    ['[::1]5353', /unexpected '5353' after '\]'/],
    ['2001:db8::1:99999', /\[address\]:port/],
  ])('%j is refused with a reason', (text, reason) => {
    let error: unknown;
    try {
      parseServerSpec(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ServerSpecError);
    expect((error as Error).message).toMatch(new RegExp(`^invalid resolver address '${text.replace(/[[\]]/g, '\\$&')}': `));
    expect((error as Error).message).toMatch(reason);
  });

  test('formatServerSpec brackets IPv6 addresses', () => {
    expect(formatServerSpec(parseServerSpec('::1'))).toBe('[::1]:53');
    expect(formatServerSpec(parseServerSpec('192.0.2.1:5300'))).toBe('192.0.2.1:5300');
  });
});

describe('resolv.conf (resolv.conf(5))', () => {
  test('nameserver lines, in order, with comments and other keywords ignored', () => {
    const text = [
      '# generated',
      'search example.test',
      'nameserver 192.0.2.1',
      'nameserver 2001:db8::53   ; a comment',
      'options edns0 timeout:1',
      'nameserver fe80::1%eth0',
    ].join('\n');
    expect(parseResolvConf(text)).toEqual({
      servers: [
        { address: '192.0.2.1', port: 53, family: 4 },
        { address: '2001:db8::53', port: 53, family: 6 },
        { address: 'fe80::1%eth0', port: 53, family: 6 },
      ],
      warnings: [],
    });
  });

  test('only the first three are used (MAXNS); bad lines are reported by number', () => {
    const text = 'nameserver 192.0.2.1\nnameserver bogus\nnameserver 192.0.2.2\nnameserver 192.0.2.3\nnameserver 192.0.2.4\nnameserver\n';
    const parsed = parseResolvConf(text);
    expect(parsed.servers.map((s) => s.address)).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.3']);
    expect(parsed.warnings).toEqual([
      "line 2: 'bogus' is not an IP address (name servers are given by address, not by name)",
      'line 5: more than 3 name servers, 192.0.2.4 ignored',
      "line 6: expected 'nameserver ADDRESS'",
    ]);
  });

  test('a file without name servers, or no file, means the local name server', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authaudit-resolv-'));
    try {
      const empty = join(dir, 'resolv.conf');
      await writeFile(empty, 'search example.test\n');
      const fromEmpty = await systemNameservers(empty);
      expect(fromEmpty.servers).toEqual(LOCAL_NAMESERVERS);
      expect(fromEmpty.warnings.at(-1)).toMatch(/no nameserver lines/);
      const missing = await systemNameservers(join(dir, 'absent.conf'));
      expect(missing.servers).toEqual(LOCAL_NAMESERVERS);
      expect(missing.warnings[0]).toMatch(/absent\.conf: no such file; using the local name server/);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  test('a readable file gives its servers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authaudit-resolv-'));
    try {
      const path = join(dir, 'resolv.conf');
      await writeFile(path, 'nameserver 192.0.2.10\n');
      expect(await systemNameservers(path)).toEqual({ servers: [{ address: '192.0.2.10', port: 53, family: 4 }], warnings: [] });
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
