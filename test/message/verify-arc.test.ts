// RFC 8617 §5.2 chain validation of ARC sets made in the test (test/message/signer.ts `arcSeal`,
// written apart from the code under test), keys served from zone text through a ZoneResolver.
import { describe, expect, it } from 'vitest';
import { bodyHashSpecs } from '../../src/message/dkim-signature.js';
import { chunksOf, readMessage } from '../../src/message/read-message.js';
import { arcMessageSignatures, verifyArc, type ArcCheck } from '../../src/message/verify-arc.js';
import { ed25519Key, rsaKey, arcSeal, signMessage, testMessage, zoneWithKeys, zonesResolver } from './signer.js';

const NOW = 1772445600;
const LIST = rsaKey();
const FWD = rsaKey();
const ED = ed25519Key();
const dns = zonesResolver({
  'list.example': zoneWithKeys('list.example', { arc: LIST, ed: ED }),
  'fwd.example': zoneWithKeys('fwd.example', { arc: FWD }),
});

async function arcOf(message: string): Promise<ArcCheck> {
  const raw = await readMessage(chunksOf(message, 17), (fields) => bodyHashSpecs(arcMessageSignatures(fields)));
  return verifyArc(raw.fields, raw.bodyHashes, { resolver: dns, now: NOW });
}
const brief = (a: ArcCheck) => [a.result, a.instances, a.brokenAt];

const base = signMessage(testMessage(), { key: rsaKey(), domain: 'shop.example', selector: 's' });
const one = arcSeal(base, { key: LIST, domain: 'list.example', selector: 'arc', authservId: 'list.example' });
const two = arcSeal(one, { key: FWD, domain: 'fwd.example', selector: 'arc', authservId: 'fwd.example', results: 'arc=pass; dkim=fail' });

describe('ARC chain validation (RFC 8617 §5.2)', () => {
  it('no ARC fields: none', async () => {
    expect(brief(await arcOf(base))).toEqual(['none', 0, null]);
  });

  it('one set and two sets, each sealed by its handler: pass, every seal and message signature verified', async () => {
    expect(brief(await arcOf(one))).toEqual(['pass', 1, null]);
    const r = await arcOf(two);
    expect(brief(r)).toEqual(['pass', 2, null]);
    expect(r.sets.map((s) => [s.instance, s.authservId, s.chainValidation, s.seal?.result, s.messageSignature?.result])).toEqual([
      [1, 'list.example', 'none', 'pass', 'pass'],
      [2, 'fwd.example', 'pass', 'pass', 'pass'],
    ]);
  });

  it('an Ed25519 seal and message signature (RFC 8463 keys) pass too', async () => {
    expect(brief(await arcOf(arcSeal(base, { key: ED, domain: 'list.example', selector: 'ed' })))).toEqual(['pass', 1, null]);
  });

  it('the body changed after the last set: the newest message signature fails (step 4)', async () => {
    const r = await arcOf(two.replace('spring sale', 'summer sale'));
    expect(brief(r)).toEqual(['fail', 2, 2]);
    expect(r.reason).toMatch(/ARC-Message-Signature of instance 2 does not verify: .*body hash/);
  });

  it('an older set altered: its seal fails, and the seal above it too (it covers the older sets)', async () => {
    const r = await arcOf(two.replace('i=1; list.example;', 'i=1; list.example; spf=pass;'));
    expect(r.result).toBe('fail');
    expect(r.brokenAt).toBe(2);
    expect(r.reason).toMatch(/ARC-Seal of instance 2 does not verify/);
    expect(r.sets.map((s) => s.seal?.result)).toEqual(['fail', 'fail']);
  });

  it('a missing set, a duplicated field and a wrong cv= are structure failures naming the instance (step 3)', async () => {
    const withoutSet1 = two.split('\r\n').filter((l, i, all) => !/^ARC-[A-Za-z-]+: i=1;/.test(l) && !(l.startsWith(' ') && /^ARC-[A-Za-z-]+: i=1;/.test(all.slice(0, i).reverse().find((x) => !x.startsWith(' ')) ?? ''))).join('\r\n');
    const r1 = await arcOf(withoutSet1);
    expect(brief(r1)).toEqual(['fail', 2, 1]);
    expect(r1.reason).toMatch(/no ARC set with instance 1/);
    const r2 = await arcOf(`ARC-Authentication-Results: i=1; other.example; none\r\n${one}`);
    expect(r2.reason).toMatch(/instance 1 has 2 ARC-Authentication-Results fields/);
    const r3 = await arcOf(arcSeal(base, { key: LIST, domain: 'list.example', selector: 'arc', cv: 'pass' }));
    expect(brief(r3)).toEqual(['fail', 1, 1]);
    expect(r3.reason).toMatch(/cv=pass; instance 1 must say cv=none/);
  });

  it('the newest seal says cv=fail: the chain fails there without more checks (step 2)', async () => {
    const r = await arcOf(arcSeal(one, { key: FWD, domain: 'fwd.example', selector: 'arc', cv: 'fail' }));
    expect(brief(r)).toEqual(['fail', 2, 2]);
    expect(r.reason).toMatch(/says cv=fail/);
  });

  it('a seal key not in DNS, and an i= that is no instance: fail with the reason', async () => {
    const r = await arcOf(arcSeal(base, { key: LIST, domain: 'list.example', selector: 'gone' }));
    expect(brief(r)).toEqual(['fail', 1, 1]);
    expect(r.reason).toMatch(/does not verify: .*gone\._domainkey\.list\.example/);
    const r2 = await arcOf(one.replace('ARC-Seal: i=1;', 'ARC-Seal: i=x1;'));
    expect([r2.result, r2.brokenAt]).toEqual(['fail', null]);
    expect(r2.reason).toMatch(/ARC-Seal at line 1 has no valid i= instance/);
  });
});
