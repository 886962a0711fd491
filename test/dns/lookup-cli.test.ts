// `authaudit lookup` end to end through the CLI runner: against the loopback server (--resolver),
// a nock'd DNS-over-HTTPS endpoint (--doh), and zone files laid over the loopback server (--overlay).
// What the servers received is asserted as well as what was printed.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import { parseZoneText } from '../../src/zone/parse-zone.js';
import { answerMessage, startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { jsonOf, runCli, type CliRun } from '../helpers/run-cli.js';
import { LONG_TXT_STRINGS, ZONE } from './network-fixture.js';

vi.setConfig({ testTimeout: 8000 });

const PROVIDER = `
$TTL 300
@           SOA ns1.provider.test. hostmaster.provider.test. 1 3600 600 86400 30
mx          A   198.51.100.25
_spf        TXT "v=spf1 ip4:198.51.100.0/24 -all"
`;
const live = ZoneResolver.fromParsed([
  parseZoneText(`${ZONE}\nesc IN TXT "\\027[2Jscreen cleared" "bell\\007"\n`, { file: 'example.test.zone', origin: 'example.test' }),
  parseZoneText(PROVIDER, { file: 'provider.test.zone', origin: 'provider.test' }),
]);

let server: TestDnsServer;
let resolverArg: string;
beforeAll(async () => {
  server = await startDnsServer(live, { ipv6: false });
  resolverArg = `127.0.0.1:${server.ipv4.port}`;
  nock.disableNetConnect();
});
afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await server.stop();
});
beforeEach(() => {
  server.clearFaults();
  server.received.length = 0;
});

interface LookupJson {
  name: string;
  type: string;
  outcome: string;
  records: Array<Record<string, unknown>>;
  cnameChain: Array<{ name: string; target: string; ttl: number; source: unknown }>;
  ttl: number | null;
  failure: { kind: string; detail: string } | null;
}
const answerOf = (run: CliRun): LookupJson => jsonOf(run)['answer'] as LookupJson;
// a time-out long enough that a loaded machine still answers in time (only the 'never answers' test waits it out)
const lookup = (...args: string[]): Promise<CliRun> => runCli(['lookup', ...args, '--timeout', '2000']);
const asked = (): string[] => server.received.map((q) => `${q.transport} ${q.name} ${q.type}`);

describe('lookup --resolver 127.0.0.1:PORT', () => {
  test('TXT too large for UDP comes over TCP, every string exact, with its TTL', async () => {
    const run = await lookup('big.example.test', 'TXT', '--resolver', resolverArg, '--format', 'json');
    expect(run.code).toBe(0);
    expect(answerOf(run)).toMatchObject({ outcome: 'records', records: [{ name: 'big.example.test', ttl: 300, strings: LONG_TXT_STRINGS }] });
    expect(asked()).toEqual(['udp big.example.test TXT', 'tcp big.example.test TXT']);
    expect(server.received[0]!.ednsPayload).toBe(1232);
  });

  test('TXT bytes are shown in zone-file form, \\DDD for bytes that are not printable', async () => {
    const run = await lookup('bytes.example.test', 'TXT', '--resolver', resolverArg);
    expect(run.stdout).toBe('bytes.example.test TXT: 1 record\n  bytes.example.test. 300 IN TXT "caf\\233 \\000end"\n');
  });

  test('the CNAME chain with its own TTLs, then the records with theirs', async () => {
    const answer = answerOf(await lookup('WWW.Example.Test.', 'A', '--resolver', resolverArg, '--format', 'json'));
    expect(answer).toMatchObject({
      name: 'WWW.Example.Test', outcome: 'records',
      cnameChain: [{ name: 'www.example.test', target: 'web.example.test', ttl: 600 }],
      records: [{ name: 'web.example.test', ttl: 90, address: '192.0.2.80' }],
    });
  });

  test('NXDOMAIN and no data carry the negative TTL: the smaller of the SOA TTL and MINIMUM (RFC 2308 §5)', async () => {
    const nx = await lookup('nothing.example.test', 'A', '--resolver', resolverArg);
    expect(nx.stdout).toBe('nothing.example.test A: NXDOMAIN (negative TTL 60)\n');
    const nodata = answerOf(await lookup('web.example.test', 'MX', '--resolver', resolverArg, '--format', 'json'));
    expect(nodata).toMatchObject({ outcome: 'nodata', ttl: 60, records: [], failure: null });
  });

  test('a server that never answers: a typed time-out in the report and exit 3 (DNS unusable), not a hang', async () => {
    server.fault({ kind: 'drop' });
    const run = await lookup('web.example.test', 'A', '--resolver', resolverArg, '--format', 'json');
    expect(run.code).toBe(3);
    expect(answerOf(run)).toMatchObject({ outcome: 'failure', failure: { kind: 'timeout' } });
    expect(run.stderr).toContain('DNS unusable');
    expect(server.received.length).toBe(2); // two rounds over the one server
  });

  test('SERVFAIL is reported as such, and exit 0: a server answered', async () => {
    server.fault({ kind: 'rcode', rcode: 'SERVFAIL' });
    const run = await lookup('web.example.test', 'A', '--resolver', resolverArg, '--format', 'json');
    expect([run.code, answerOf(run).failure?.kind]).toEqual([0, 'servfail']);
  });

  test('a name that cannot be asked is bad input (exit 2), and no query is sent', async () => {
    for (const name of ['a..example.test', `${'x'.repeat(64)}.example.test`, 'example.test..']) {
      const run = await lookup(name, 'A', '--resolver', resolverArg);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^authaudit: cannot ask for '.*': (empty label|label of 64 bytes)/);
    }
    expect(server.received).toEqual([]);
  });

  test('an internationalized name is asked as its A-label', async () => {
    const run = await lookup('bücher.example.test', 'A', '--resolver', resolverArg, '--format', 'json');
    expect(answerOf(run)).toMatchObject({ name: 'xn--bcher-kva.example.test', outcome: 'nxdomain' });
    expect(asked()).toEqual(['udp xn--bcher-kva.example.test A']);
  });

  test('--verbose prints the question and its answer on stderr, terminal controls escaped', async () => {
    const run = await lookup('esc.example.test', 'TXT', '--resolver', resolverArg, '--verbose');
    const lines = run.stderr.split('\n').filter((l) => l.startsWith('dns: '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^dns: esc\.example\.test TXT -> 1 record \(TTL 300\): "\\027\[2Jscreen cleared" "bell\\007" \[\d+ ms\]$/);
    expect(run.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(run.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });
});

describe('lookup --doh URL (RFC 8484), against nock', () => {
  const ORIGIN = 'https://doh.lookup.test';

  test('answers come from the endpoint, exact, and the body is an application/dns-message', async () => {
    const scope = nock(ORIGIN)
      .post('/dns-query')
      .reply(async function (_uri, body) {
        expect(this.req.headers['content-type']).toBe('application/dns-message');
        return [200, (await answerMessage(live, Buffer.from(body as string, 'hex')))!, { 'content-type': 'application/dns-message' }];
      });
    const run = await lookup('alias.example.test', 'A', '--doh', `${ORIGIN}/dns-query`, '--format', 'json');
    expect(run.code).toBe(0);
    expect(answerOf(run)).toMatchObject({
      outcome: 'records',
      cnameChain: [{ name: 'alias.example.test', target: 'www.example.test', ttl: 300 }, { name: 'www.example.test', target: 'web.example.test', ttl: 600 }],
      records: [{ address: '192.0.2.80', ttl: 90 }],
    });
    expect(scope.isDone()).toBe(true);
    expect(server.received).toEqual([]);
  });

  test('an HTTP error is a typed http failure in the report, and DNS is unusable (exit 3)', async () => {
    nock(ORIGIN).post('/dns-query').reply(503, 'busy');
    const run = await lookup('web.example.test', 'A', '--doh', `${ORIGIN}/dns-query`, '--format', 'json');
    expect(answerOf(run).failure).toMatchObject({ kind: 'http', detail: expect.stringContaining('HTTP 503') });
    expect(run.code).toBe(3);
  });

  test('a page instead of a DNS message is malformed', async () => {
    nock(ORIGIN).post('/dns-query').reply(200, '<html>login</html>', { 'content-type': 'text/html' });
    const run = await lookup('web.example.test', 'A', '--doh', `${ORIGIN}/dns-query`, '--format', 'json');
    expect(answerOf(run).failure).toMatchObject({ kind: 'malformed', detail: expect.stringContaining("content type 'text/html'") });
  });

  test('a URL that is not https is bad usage (exit 2)', async () => {
    const run = await lookup('web.example.test', 'A', '--doh', 'http://doh.lookup.test/dns-query');
    expect([run.code, run.stderr]).toEqual([2, expect.stringContaining('is not https')]);
  });
});

describe('lookup --overlay DIR over the loopback server', () => {
  const OVERLAY = 'fixtures/zones-test/overlay';

  test('a name inside the files’ zone is answered from the files; the server is not asked', async () => {
    const run = await lookup('example.test', 'TXT', '--overlay', OVERLAY, '--resolver', resolverArg, '--format', 'json');
    expect(answerOf(run)).toMatchObject({
      outcome: 'records',
      records: [{ ttl: 120, strings: ['v=spf1 include:_spf.provider.test -all'], source: { file: 'fixtures/zones-test/overlay/example.test.zone', line: 6 } }],
    });
    expect(server.received).toEqual([]);
  });

  test('a name the files do not have is NXDOMAIN from the files, even though the server has it', async () => {
    const run = await lookup('web.example.test', 'A', '--overlay', OVERLAY, '--resolver', resolverArg, '--format', 'json');
    expect(answerOf(run)).toMatchObject({ outcome: 'nxdomain', ttl: 45 });
    expect(server.received).toEqual([]);
  });

  test('a CNAME in the files to a name outside them is chased on the server, the chain kept', async () => {
    const run = await lookup('mail.example.test', 'A', '--overlay', OVERLAY, '--resolver', resolverArg, '--format', 'json');
    expect(answerOf(run)).toMatchObject({
      outcome: 'records',
      cnameChain: [{ name: 'mail.example.test', target: 'mx.provider.test', ttl: 120, source: { line: 8 } }],
      records: [{ address: '198.51.100.25' }],
    });
    expect(asked()).toEqual(['udp mx.provider.test A']);
  });

  test('a name outside the files’ zones goes to the server', async () => {
    const run = await lookup('_spf.provider.test', 'TXT', '--overlay', OVERLAY, '--resolver', resolverArg, '--format', 'json');
    expect(answerOf(run)).toMatchObject({ outcome: 'records', records: [{ strings: ['v=spf1 ip4:198.51.100.0/24 -all'] }] });
    expect(asked()).toEqual(['udp _spf.provider.test TXT']);
  });
});

describe('lookup --zone FILE with a malformed file: file:line:column: reason, exit 2, never a stack trace', () => {
  const SOA = '$TTL 300\n@ SOA ns. host. 1 2 3 4 5\n';
  const CASES: Array<[string, string, string]> = [
    ['a bad IPv4 address', `${SOA}www A 999.1.1.1\n`, "3:7: bad IPv4 address '999.1.1.1'"],
    ['an unterminated quote', `${SOA}www TXT "open\n`, '3:9: unterminated quoted string'],
    ['an unclosed parenthesis', `${SOA}www TXT ( "a"\n`, "3:9: unterminated parenthesis: '(' is never closed"],
    ['an MX preference out of range', `${SOA}www MX 70000 mx.\n`, "3:8: MX preference '70000' is out of range"],
    ['a short SOA', '@ SOA ns. host. 1 2 3 4\n', '1:24: SOA record is missing its minimum'],
    ['a CNAME beside other data', `${SOA}www CNAME a.\nwww A 192.0.2.1\n`, "4:1: A at 'www.bad.example' beside a CNAME"],
    ['out-of-zone data', `${SOA}www.other. A 192.0.2.1\n`, "3:1: 'www.other' is outside the zone ('bad.example', SOA at line 2)"],
    ['an unknown type', `${SOA}www IN FOO 1\n`, "3:8: unknown record type 'FOO'"],
    ['a bad $TTL', '$TTL 1y\n', "1:6: bad $TTL '1y'"],
    ['a \\DDD escape over 255', `${SOA}www TXT "\\300"\n`, "3:10: bad escape '"],
    ['a missing $INCLUDE', `${SOA}$INCLUDE nope.inc\n`, "3:10: cannot read included file"],
    ['an extra field', `${SOA}www A 192.0.2.1 extra\n`, "3:17: unexpected 'extra' after the A data"],
    ['a TTL over 2^31 - 1', `${SOA}www 4294967296 A 192.0.2.1\n`, "3:5: TTL '4294967296' is out of range"],
    ['a UTF-8 byte-order mark', `\u00ef\u00bb\u00bf${SOA}`, '1:1: the file starts with a UTF-8 byte-order mark'],
    ['a label over 63 bytes', `${SOA}${'x'.repeat(64)} A 192.0.2.1\n`, '3:1: label in owner name'],
  ];
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'authaudit-zones-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each(CASES)('%s', async (_label, text, expected) => {
    const file = join(dir, 'bad.example.zone');
    writeFileSync(file, Buffer.from(text, 'latin1'));
    const run = await runCli(['lookup', 'www.bad.example', 'A', '--zone', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toMatch(/^authaudit: \S*bad\.example\.zone:\d+:\d+: /);
    expect(run.stderr).toContain(`bad.example.zone:${expected}`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
