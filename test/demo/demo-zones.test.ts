// The demo world's zone files: each parses, is a proper zone, stays inside the names and addresses
// reserved for documentation, and passes Knot's own zone checker when it is installed.

import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { isAtOrBelow, nameKey } from '../../src/model/names.js';
import { parseZoneText } from '../../src/zone/parse-zone.js';
import { findExecutable } from '../helpers/knot.js';
import { DEMO_DIR, demoWorld } from './demo-world.js';

const ZONE_FILES = readdirSync(DEMO_DIR).filter((n) => n.endsWith('.zone')).sort();
const REVERSE_ZONES = ['2.0.192.in-addr.arpa', '100.51.198.in-addr.arpa', '113.0.203.in-addr.arpa', '8.b.d.0.1.0.0.2.ip6.arpa'];
/** RFC 5737 and RFC 3849: the address ranges reserved for documentation. */
const DOCUMENTATION_RANGES = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'].map((c) => ipaddr.parseCIDR(c));

function isDocumentationAddress(text: string): boolean {
  const address = ipaddr.parse(text);
  return DOCUMENTATION_RANGES.some(([net, bits]) => net.kind() === address.kind() && address.match([net, bits] as never));
}

const kzonecheck = findExecutable('kzonecheck');

describe('the demo zone files', () => {
  it('include a forward zone per sender and provider and the four documentation reverse zones', () => {
    const origins = ZONE_FILES.map((f) => f.slice(0, -'.zone'.length));
    for (const reverse of REVERSE_ZONES) expect(origins).toContain(reverse);
    expect(origins.filter((o) => o.endsWith('.example')).length).toBeGreaterThanOrEqual(10);
    expect(origins.every((o) => o.endsWith('.example') || REVERSE_ZONES.includes(o))).toBe(true);
  });

  it.each(ZONE_FILES)('%s parses, with a SOA and NS records at its apex and every name inside it', (file) => {
    const origin = file.slice(0, -'.zone'.length);
    const zone = parseZoneText(readFileSync(join(DEMO_DIR, file), 'latin1'), { file, origin });
    expect(zone.apexes.map(nameKey)).toEqual([origin]);
    const atApex = zone.records.filter((r) => nameKey(r.name) === origin);
    expect(atApex.filter((r) => r.type === 'SOA')).toHaveLength(1);
    expect(atApex.filter((r) => r.type === 'NS').length).toBeGreaterThanOrEqual(2);
    expect(zone.records.filter((r) => !isAtOrBelow(r.name, origin))).toEqual([]);
    expect(zone.others).toEqual([]);
  });

  it('use only documentation addresses (RFC 5737, RFC 3849)', async () => {
    const world = await demoWorld();
    const addresses = world.records().flatMap((r) => (r.type === 'A' || r.type === 'AAAA' ? [r.address] : []));
    expect(addresses.length).toBeGreaterThan(20);
    expect(addresses.filter((a) => !isDocumentationAddress(a))).toEqual([]);
  });

  it('point every NS, MX, CNAME and PTR at a name that resolves inside the demo world', async () => {
    const world = await demoWorld();
    const dangling: string[] = [];
    for (const record of world.records()) {
      let target: string | null = null;
      if (record.type === 'NS' || record.type === 'PTR' || record.type === 'CNAME') target = record.target;
      if (record.type === 'MX' && record.exchange !== '') target = record.exchange;
      if (target === null) continue;
      const answers = record.type === 'CNAME' ? [await world.query(target, 'TXT')] : [await world.query(target, 'A'), await world.query(target, 'AAAA')];
      if (!answers.some((a) => a.kind === 'records')) dangling.push(`${record.name} ${record.type} ${target}`);
    }
    expect(dangling).toEqual([]);
  });

  it.skipIf(kzonecheck === null).each(ZONE_FILES)('%s passes kzonecheck (Knot DNS semantic checks)', async (file) => {
    const origin = file.slice(0, -'.zone'.length);
    const run = promisify(execFile);
    const { stdout, stderr } = await run(kzonecheck ?? 'kzonecheck', ['-o', origin, join(DEMO_DIR, file)]);
    expect(`${stdout}${stderr}`.trim()).toBe('');
  });
});
