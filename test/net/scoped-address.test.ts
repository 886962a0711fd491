// Socket addresses (src/net/scoped-address.ts): an IPv6 address may carry a zone index
// (RFC 4007 §11.2), as resolv.conf and --resolver give a link-local name server.
import { describe, expect, test } from 'vitest';
import { formatIp } from '../../src/net/ip.js';
import { parseScopedIp, sameHost } from '../../src/net/scoped-address.js';

const read = (text: string): [string, string | null] | null => {
  const scoped = parseScopedIp(text);
  return scoped === null ? null : [formatIp(scoped.address), scoped.zone];
};

describe('RFC 4007 §11.2: <address>%<zone_id>', () => {
  test.each([
    ['fe80::1%eth0', ['fe80::1', 'eth0']],
    ['FE80::1%2', ['fe80::1', '2']],
    ['fe80::1%br-1a2b.100', ['fe80::1', 'br-1a2b.100']],
    ['2001:db8::1', ['2001:db8::1', null]],
    ['192.0.2.1', ['192.0.2.1', null]],
  ] as const)('%s is %j', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  test.each([
    ['a zone index on IPv4', '192.0.2.1%eth0'],
    ['an empty zone index', 'fe80::1%'],
    ['a blank in the zone index', 'fe80::1%eth 0'],
    ['two zone indexes', 'fe80::1%eth0%eth1'],
    ['an address the one parser refuses', 'fe80::00001%eth0'],
    ['a leading zero in IPv4', '010.0.0.1'],
  ])('refuses %s: %j', (_why, text) => {
    expect(parseScopedIp(text)).toBeNull();
  });
});

describe('the same host, however a socket spells it', () => {
  test.each([
    ['2001:db8::1', '2001:DB8:0:0:0:0:0:1', true],
    ['::ffff:192.0.2.1', '192.0.2.1', true],
    ['fe80::1%eth0', 'fe80::1', true],
    ['::192.0.2.1', '192.0.2.1', false],
    ['192.0.2.1', '192.0.2.2', false],
    ['192.0.2.1', 'not an address', false],
  ])('%s and %s: %s', (a, b, same) => {
    expect(sameHost(a, b)).toBe(same);
    expect(sameHost(b, a)).toBe(same);
  });
});
