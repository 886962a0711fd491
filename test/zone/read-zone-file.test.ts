import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { originFromFileName, parseZoneFile } from '../../src/zone/read-zone-file.js';
import { ZoneFileError } from '../../src/zone/zone-file-error.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/zones-test');

async function errorOf(path: string): Promise<Error> {
  return parseZoneFile(path).then(
    () => {
      throw new Error('expected an error');
    },
    (err: unknown) => err as Error,
  );
}

describe('reading a zone file from disk', () => {
  it('the origin is the file name without .zone', async () => {
    expect(originFromFileName('/x/2.0.192.in-addr.arpa.zone')).toBe('2.0.192.in-addr.arpa');
    const zone = await parseZoneFile(join(FIXTURES, 'world/example.test.zone'));
    expect(zone.origin).toBe('example.test');
    expect(zone.apexes).toEqual(['example.test']);
  });

  it('every byte survives: the file is decoded as Latin-1', async () => {
    const zone = await parseZoneFile(join(FIXTURES, 'world/latin1.test.zone'));
    const txt = zone.records[0];
    expect(txt?.type).toBe('TXT');
    if (txt?.type !== 'TXT') return;
    expect(Array.from(txt.strings[0] ?? [])).toEqual([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff]);
  });

  it('an unreadable file is an Error naming the path', async () => {
    const err = await errorOf(join(FIXTURES, 'world/missing.zone'));
    expect(err).not.toBeInstanceOf(ZoneFileError);
    expect(err.message).toBe(`cannot read '${join(FIXTURES, 'world/missing.zone')}': no such file`);
  });
});

describe('RFC 1035 §5.1 $INCLUDE', () => {
  it('reads the file relative to the including file, with the origin given, then restores the origin', async () => {
    const zone = await parseZoneFile(join(FIXTURES, 'include/example.test.zone'));
    const summary = zone.records.map((r) => `${r.name} ${r.type} ${r.source?.file.split('zones-test/')[1]}:${r.source?.line}`);
    expect(summary).toEqual([
      'example.test SOA include/example.test.zone:3',
      'example.test NS include/example.test.zone:4',
      'ns1.example.test A include/example.test.zone:5',
      'mail.example.test MX include/parts/mail.inc:1',
      'mx1.mail.example.test A include/parts/mail.inc:2',
      'www.example.test A include/example.test.zone:7',
    ]);
    expect(zone.records.find((r) => r.type === 'MX')).toMatchObject({ exchange: 'mx1.mail.example.test', ttl: 300 });
  });

  it('an error inside an included file names that file', async () => {
    const err = await errorOf(join(FIXTURES, 'include-bad/x.zone'));
    expect(err.message).toBe(`${join(FIXTURES, 'include-bad/bad.inc')}:2:7: bad IPv4 address '192.0.2': expected a dotted quad like 192.0.2.1`);
  });

  it('a missing included file is reported at the directive', async () => {
    const err = await errorOf(join(FIXTURES, 'include-missing/x.zone'));
    expect(err.message).toBe(`${join(FIXTURES, 'include-missing/x.zone')}:2:10: cannot read included file '${join(FIXTURES, 'include-missing/nope.inc')}': no such file`);
  });

  it('an include loop is an error, not a hang', async () => {
    const err = await errorOf(join(FIXTURES, 'include-loop/a.zone'));
    expect(err.message).toBe(`${join(FIXTURES, 'include-loop/b.inc')}:1:10: include loop: '${join(FIXTURES, 'include-loop/a.zone')}' is already being read`);
  });
});
