// The examples of the RFCs, verified as published: RFC 6376 Appendix A.2 (as corrected, see
// fixtures/message/rfc/README.md) and RFC 8463 Appendix A.3 (one Ed25519 and one RSA signature
// over the same message), with the keys of RFC 6376 Appendix C and RFC 8463 Appendix A.2 served
// from zone files through the same Resolver the CLI uses.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadZoneResolver } from '../../src/dns/zone-resolver.js';
import { bodyHashSpecs, dkimSignatures } from '../../src/message/dkim-signature.js';
import { chunksOf, readMessage } from '../../src/message/read-message.js';
import { verifyDkimSignature } from '../../src/message/verify-dkim.js';

const DIR = 'fixtures/message/rfc';
// RFC 8463's signatures carry t=1528637909 (June 2018) and no x=
const NOW = 1528637909 + 3600;

async function verifyFile(file: string, edit: (bytes: Buffer) => Buffer = (b) => b) {
  const resolver = await loadZoneResolver([DIR]);
  const bytes = edit(fs.readFileSync(`${DIR}/${file}`));
  const raw = await readMessage(chunksOf(bytes, 7), (fields) => bodyHashSpecs(dkimSignatures(fields)));
  const sigs = dkimSignatures(raw.fields);
  return Promise.all(sigs.map((s) => verifyDkimSignature(s, raw.fields, raw.bodyHashes, { resolver, now: NOW })));
}

describe('RFC 8463 Appendix A.3', () => {
  it('both signatures pass: ed25519-sha256 with the raw 32-byte key, rsa-sha256 with the 1024-bit key', async () => {
    const results = await verifyFile('rfc8463-a3.eml');
    expect(results.map((r) => [r.signature.algorithm, r.signature.selector, r.result, r.reason])).toEqual([
      ['ed25519-sha256', 'brisbane', 'pass', null],
      ['rsa-sha256', 'test', 'pass', null],
    ]);
    // over-signed From, Subject, Date: h= names them twice, the second instance is absent
    expect(results[0]?.covered).toEqual(['from', 'to', 'subject', 'date', 'message-id']);
  });

  it('a changed body fails both with "body hash mismatch"', async () => {
    const results = await verifyFile('rfc8463-a3.eml', (b) => Buffer.from(b.toString('latin1').replace('hungry', 'Hungry'), 'latin1'));
    expect(results.map((r) => [r.result, r.reason])).toEqual([
      ['fail', 'body hash mismatch'],
      ['fail', 'body hash mismatch'],
    ]);
  });

  it('relaxed canonicalization: re-folding a signed header and changing the case of its name still passes', async () => {
    const results = await verifyFile('rfc8463-a3.eml', (b) => Buffer.from(b.toString('latin1').replace('Subject: Is dinner ready?', 'SUBJECT:   Is dinner\r\n\tready?  '), 'latin1'));
    expect(results.map((r) => r.result)).toEqual(['pass', 'pass']);
  });

  it('a changed signed header fails with "signature mismatch"; an added From above the signed one too (over-signing)', async () => {
    const changed = await verifyFile('rfc8463-a3.eml', (b) => Buffer.from(b.toString('latin1').replace('Is dinner ready?', 'Is lunch ready?'), 'latin1'));
    expect(changed.map((r) => [r.result, r.reason])).toEqual([
      ['fail', 'signature mismatch'],
      ['fail', 'signature mismatch'],
    ]);
    const added = await verifyFile('rfc8463-a3.eml', (b) => Buffer.from(b.toString('latin1').replace('Message-ID:', 'From: Mallory <m@evil.example>\r\nMessage-ID:'), 'latin1'));
    expect(added.map((r) => r.result)).toEqual(['fail', 'fail']);
  });
});

describe('RFC 6376 Appendix A.2', () => {
  it('the simple/simple rsa-sha256 signature of the example passes with the key of Appendix C', async () => {
    const results = await verifyFile('rfc6376-a2.eml');
    expect(results.map((r) => [r.signature.domain, r.signature.identity, r.result, r.reason])).toEqual([['example.com', 'joe@football.example.com', 'pass', null]]);
  });

  it('simple canonicalization: one more space in a signed header fails', async () => {
    const results = await verifyFile('rfc6376-a2.eml', (b) => Buffer.from(b.toString('latin1').replace('Subject: Is', 'Subject:  Is'), 'latin1'));
    expect(results.map((r) => [r.result, r.reason])).toEqual([['fail', 'signature mismatch']]);
  });

  it('LF line ends are read as CRLF: the signature still passes', async () => {
    const results = await verifyFile('rfc6376-a2.eml', (b) => Buffer.from(b.toString('latin1').replace(/\r\n/g, '\n'), 'latin1'));
    expect(results.map((r) => r.result)).toEqual(['pass']);
  });
});
