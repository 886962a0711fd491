// The pure TLSA matcher (RFC 6698 §2.1, RFC 7672 §3.1) against a certificate chain made here with
// openssl: a CA, a server certificate it signed, and another CA that signed nothing. The expected
// association data is computed by openssl too, not by the code under test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchTlsa } from '../../src/dane/match-tlsa.js';
import { tlsaProblem } from '../../src/dane/judge-tlsa.js';
import type { TLSARecord } from '../../src/model/records.js';

let dir: string;
const der: Record<string, Uint8Array> = {};
/** openssl's association data (hex) by `cert selector matchingType`. */
const digests: Record<string, string> = {};

function openssl(args: string[], input?: Uint8Array): Buffer {
  return execFileSync('openssl', args, { cwd: dir, input, stdio: ['pipe', 'pipe', 'pipe'] });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'authaudit-tlsa-'));
  const days = ['-days', '2'];
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  for (const ca of ['ca', 'other-ca']) {
    openssl(['req', '-x509', ...ec, '-keyout', `${ca}.key`, '-out', `${ca}.pem`, '-subj', `/CN=${ca}`, ...days, '-addext', 'basicConstraints=critical,CA:TRUE']);
  }
  openssl(['req', ...ec, '-keyout', 'mx.key', '-out', 'mx.csr', '-subj', '/CN=mail.signed.lab']);
  openssl(['x509', '-req', '-in', 'mx.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'mx.pem', ...days]);
  for (const cert of ['mx', 'ca', 'other-ca']) {
    const full = Uint8Array.from(openssl(['x509', '-in', `${cert}.pem`, '-outform', 'DER']));
    der[cert] = full;
    const spki = openssl(['pkey', '-pubin', '-outform', 'DER'], openssl(['x509', '-in', `${cert}.pem`, '-pubkey', '-noout']));
    for (const [selector, data] of [[0, full], [1, spki]] as const) {
      digests[`${cert} ${selector} 0`] = Buffer.from(data).toString('hex');
      for (const [matching, hash] of [[1, 'sha256'], [2, 'sha512']] as const) {
        digests[`${cert} ${selector} ${matching}`] = openssl(['dgst', `-${hash}`, '-r'], data).toString().split(' ')[0]!;
      }
    }
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tlsa = (usage: number, selector: number, matchingType: number, hex: string): TLSARecord => ({
  type: 'TLSA', name: '_25._tcp.mail.signed.lab', ttl: 3600, usage, selector, matchingType, data: Uint8Array.from(Buffer.from(hex, 'hex')),
});

describe('matchTlsa', () => {
  it.each([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]])('DANE-EE (3) selector %i matching type %i matches the server certificate', (selector, matching) => {
    const record = tlsa(3, selector, matching, digests[`mx ${selector} ${matching}`]!);
    expect(matchTlsa([der['mx']!, der['ca']!], [record])).toEqual([{ record, matched: 0 }]);
  });

  it('a 3 1 1 of another key does not match', () => {
    const record = tlsa(3, 1, 1, digests['ca 1 1']!);
    expect(matchTlsa([der['mx']!, der['ca']!], [record])[0]!.matched).toBeNull();
  });

  it('DANE-TA (2) matches the CA the chain goes up to, not a CA that signed nothing in it', () => {
    const ta = tlsa(2, 1, 1, digests['ca 1 1']!);
    const stranger = tlsa(2, 0, 1, digests['other-ca 0 1']!);
    expect(matchTlsa([der['mx']!, der['ca']!], [ta, stranger]).map((m) => m.matched)).toEqual([1, null]);
    // the stranger CA sent in the chain did not sign the server certificate: no match
    expect(matchTlsa([der['mx']!, der['other-ca']!], [stranger])[0]!.matched).toBeNull();
  });

  it('a DANE-TA record never matches the server certificate itself', () => {
    expect(matchTlsa([der['mx']!], [tlsa(2, 1, 1, digests['mx 1 1']!)])[0]!.matched).toBeNull();
  });

  it('usage 0 and 1 (PKIX) never match for SMTP, and are named as not for SMTP', () => {
    const pkix = tlsa(1, 1, 1, digests['mx 1 1']!);
    expect(matchTlsa([der['mx']!, der['ca']!], [pkix])[0]!.matched).toBeNull();
    expect(tlsaProblem(pkix)).toMatchObject({ pkix: true });
    expect(tlsaProblem(tlsa(0, 0, 1, digests['ca 0 1']!))?.reason).toContain('RFC 7672 §3.1.3');
  });

  it('a chain that does not parse matches nothing', () => {
    expect(matchTlsa([Uint8Array.of(1, 2, 3)], [tlsa(3, 1, 1, digests['mx 1 1']!)])[0]!.matched).toBeNull();
  });
});

describe('tlsaProblem', () => {
  it.each([
    [tlsa(3, 1, 1, 'ab'.repeat(32)), null],
    [tlsa(2, 0, 2, 'ab'.repeat(64)), null],
    [tlsa(3, 1, 0, 'ab'.repeat(91)), null],
    [tlsa(3, 1, 1, 'ab'.repeat(31)), 'matching type 1 is a SHA-256 digest of 32 bytes, not 31 (RFC 6698 §2.1.3)'],
    [tlsa(4, 1, 1, 'ab'.repeat(32)), 'certificate usage 4 is not defined (RFC 6698 §2.1.1)'],
    [tlsa(3, 2, 1, 'ab'.repeat(32)), 'selector 2 is not defined (RFC 6698 §2.1.2)'],
    [tlsa(3, 1, 3, 'ab'.repeat(32)), 'matching type 3 is not defined (RFC 6698 §2.1.3)'],
  ])('%#: %j', (record, reason) => {
    expect(tlsaProblem(record)?.reason ?? null).toBe(reason);
  });
});
