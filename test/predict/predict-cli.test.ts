// `authaudit predict` end to end through main(): offline over zone files, as users type it.
import { describe, expect, it } from 'vitest';
import { jsonOf, runCli } from '../helpers/run-cli.js';

const DEMO = 'fixtures/demo';
const SHOP = ['--from', 'orders@shop.example', '--mail-from', 'bounces.sendwave.example', '--dkim', 'sendwave.example:smtpapi', '--ip', '198.51.100.131', '--volume', '12000'];

type Json = Record<string, unknown>;
const predictionsOf = (doc: Json): Json[] => doc['predictions'] as Json[];

describe('authaudit predict (JSON)', () => {
  it('predicts every provider for every stream and address of the demo profiles', async () => {
    const run = await runCli(['predict', '--zone', DEMO, '--profile', `${DEMO}/profiles.json`, '--format', 'json']);
    expect(run.code).toBe(1); // predicted rejections are errors: --fail-on error (the default) fails
    const doc = jsonOf(run);
    expect(doc['schemaVersion']).toBe(1);
    expect(doc['command']).toBe('predict');
    const predictions = predictionsOf(doc);
    // 11 sending addresses over 7 streams, 3 providers each
    expect(predictions).toHaveLength(33);
    // every field of every prediction and of every further reply is present (null when unknown)
    const REPLY_FIELDS = ['rule', 'row', 'verdict', 'code', 'enhanced', 'text', 'certainty', 'why', 'fix', 'fixRecords', 'fixGroups', 'notes'];
    const FIX_FIELDS = ['action', 'name', 'type', 'current', 'value', 'description'];
    for (const p of predictions) {
      expect(Object.keys(p).sort()).toEqual([...REPLY_FIELDS, 'provider', 'stream', 'address', 'from', 'mailFrom', 'also', 'evidence'].sort());
      for (const r of [p, ...(p['also'] as Json[])]) {
        expect(Object.keys(r)).toEqual(expect.arrayContaining(REPLY_FIELDS));
        for (const f of r['fixRecords'] as Json[]) expect(Object.keys(f).sort()).toEqual([...FIX_FIELDS].sort());
      }
    }
    const pick = (stream: string, provider: string, address?: string): Json =>
      predictions.find((p) => p['stream'] === stream && p['provider'] === provider && (address === undefined || p['address'] === address)) as Json;
    expect(pick('northwind', 'gmail')).toMatchObject({ verdict: 'accepted', code: '250' });
    expect(pick('shop', 'gmail')).toMatchObject({ verdict: 'rejection', code: '550', enhanced: '5.7.26', rule: 'gmail-dmarc-policy', certainty: 'certain' });
    expect(pick('shop', 'outlook')).toMatchObject({ enhanced: '5.7.509' });
    expect(pick('shop', 'yahoo')).toMatchObject({ code: '554', enhanced: '5.7.9' });
    expect(pick('megacorp', 'gmail', '203.0.113.200')).toMatchObject({ enhanced: '5.7.27' });
    expect(pick('megacorp', 'gmail', '203.0.113.77')).toMatchObject({ enhanced: '5.7.25' });
    expect(pick('clinic', 'gmail')).toMatchObject({ enhanced: '5.7.30' });
    expect(pick('ledger', 'gmail', '2001:db8:40::25')).toMatchObject({ enhanced: '5.7.1' });
    expect(pick('travel', 'yahoo')).toMatchObject({ verdict: 'accepted' });
    // the rest of fixtures/demo/README.md's expectations table
    expect(pick('cafe', 'gmail')).toMatchObject({ verdict: 'accepted' });
    expect(pick('cafe', 'outlook')).toMatchObject({ verdict: 'accepted' });
    expect(pick('megacorp', 'outlook', '203.0.113.200')).toMatchObject({ enhanced: '5.7.515' });
    expect(pick('megacorp', 'yahoo', '203.0.113.200')).toMatchObject({ rule: 'yahoo-bulk-requirements', certainty: 'risk' });
    expect(pick('megacorp', 'outlook', '203.0.113.77')).toMatchObject({ verdict: 'accepted' });
    expect(pick('megacorp', 'yahoo', '203.0.113.77')).toMatchObject({ rule: 'yahoo-bulk-requirements' });
    expect(pick('clinic', 'outlook')).toMatchObject({ enhanced: '5.7.515' });
    expect(pick('clinic', 'yahoo')).toMatchObject({ rule: 'yahoo-bulk-requirements' });
    const ledger = pick('ledger', 'gmail', '192.0.2.40');
    expect([ledger, ...(ledger['also'] as Json[])].map((r) => r['enhanced'])).toEqual(expect.arrayContaining(['5.7.25', '5.7.26']));
    expect(pick('ledger', 'outlook', '192.0.2.40')).toMatchObject({ rule: 'outlook-dmarc-reject', verdict: 'rejection', certainty: 'risk' });
    expect(pick('ledger', 'yahoo', '192.0.2.40')).toMatchObject({ enhanced: '5.7.9' });
    const ledger6 = pick('ledger', 'outlook', '2001:db8:40::25');
    expect([ledger6, ...(ledger6['also'] as Json[])].map((r) => r['enhanced'])).toEqual(expect.arrayContaining(['5.7.25', '4.7.26']));
    expect(pick('ledger', 'yahoo', '2001:db8:40::25')).toMatchObject({ enhanced: '5.7.9' });
    expect(pick('travel', 'gmail')).toMatchObject({ verdict: 'accepted' });
    expect(pick('travel', 'outlook')).toMatchObject({ verdict: 'accepted' });
    const findings = doc['findings'] as Json[];
    expect(findings.some((f) => f['id'] === 'predict-rejection' && f['severity'] === 'error')).toBe(true);
    expect(findings.every((f) => typeof f['message'] === 'string' && (f['message'] as string).length > 0)).toBe(true);
  });

  it('carries the evidence chain: SPF deciding term, DKIM state, DMARC record and policy, org domains, FCrDNS', async () => {
    const doc = jsonOf(await runCli(['predict', '--zone', DEMO, ...SHOP, '--format', 'json']));
    const gmail = predictionsOf(doc).find((p) => p['provider'] === 'gmail') as Json;
    const evidence = gmail['evidence'] as Json;
    expect(evidence['spf']).toMatchObject({ domain: 'bounces.sendwave.example', result: 'pass', deciding: { term: 'include:sendwave.example' } });
    expect(evidence['dkim']).toEqual([expect.objectContaining({ domain: 'sendwave.example', selector: 'smtpapi', state: 'possible-pass', aligned: { rfc7489: false, rfc9989: false } })]);
    expect(evidence['dmarc']).toMatchObject({ rfc7489: { record: 'v=DMARC1; p=reject; rua=mailto:dmarc@shop.example', policy: { published: 'reject', tag: 'p' } } });
    expect(evidence['from']).toMatchObject({ domain: 'shop.example', orgDomains: { psl: 'shop.example', treeWalk: 'shop.example' } });
    expect(evidence['fcrdns']).toMatchObject({ result: 'pass' });
    expect(evidence['alignment']).toEqual({ spf: { rfc7489: false, rfc9989: false }, orgDomainsAgree: true });
  });
});

describe('authaudit predict (text)', () => {
  it('shows per provider the reply, the published text, why and the fix', async () => {
    const run = await runCli(['predict', '--zone', DEMO, ...SHOP]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Stream default: From orders@shop.example, MAIL FROM bounces.sendwave.example');
    expect(run.stdout).toMatch(/Gmail +rejected 550 5\.7\.26 +gmail-dmarc-policy/);
    expect(run.stdout).toContain('"Unauthenticated email from shop.example is not accepted due to domain\'s DMARC policy.');
    expect(run.stdout).toMatch(/fix +add TXT at <selector>\._domainkey\.shop\.example/);
    expect(run.stdout).toMatch(/Outlook\.com rejected 550 5\.7\.509/);
    expect(run.stdout).toContain('DNS can prove a DKIM failure, never a pass');
  });

  it('a change to a long record shows what changes, not the record twice', async () => {
    const run = await runCli(['predict', '--zone', DEMO, '--from', 'news@megacorp.example', '--dkim', 'megacorp.example:selector1', '--ip', '203.0.113.200', '--volume', '50000']);
    expect(run.stdout).toContain("fix  in TXT at megacorp.example: add 'ip4:203.0.113.200' after 'v=spf1' (");
    for (const line of run.stdout.split('\n')) expect(line.split('include:_spf.crmsuite.example').length).toBeLessThanOrEqual(2);
  });

  it('a clean stream exits 0', async () => {
    const run = await runCli(['predict', '--zone', DEMO, '--from', 'hello@northwind.example', '--dkim', 'northwind.example:mail', '--ip', '203.0.113.10', '--ip', '2001:db8:10::25']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Yahoo +accepted 250 2\.0\.0/);
  });

  it('--fail-on never keeps predicted rejections from failing the run', async () => {
    expect((await runCli(['predict', '--zone', DEMO, ...SHOP, '--fail-on', 'never'])).code).toBe(0);
  });

  it('a null sender checks the HELO name', async () => {
    const doc = jsonOf(await runCli(['predict', '--zone', 'fixtures/predict', '--from', 'alerts@nullsend.example', '--mail-from', '<>', '--helo', 'mta.nullsend.example', '--ip', '192.0.2.6', '--format', 'json']));
    const p = predictionsOf(doc)[0] as Json;
    expect(p).toMatchObject({ verdict: 'accepted', mailFrom: '' });
    expect((p['evidence'] as Json)['spf']).toMatchObject({ identity: 'helo', domain: 'mta.nullsend.example', result: 'pass' });
  });
});

describe('authaudit predict: bad usage and bad input (exit 2)', () => {
  it.each([
    [['predict', '--zone', DEMO], 'predict needs --from ADDRESS'],
    [['predict', '--zone', DEMO, '--ip', '192.0.2.1'], '--from is required'],
    // without --ip predict samples the SPF (predict-samples-cli.test.ts); a bad --ip is still refused
    [['predict', '--zone', DEMO, '--from', 'a@b.example', '--ip', '192.0.2.300'], "--ip '192.0.2.300': '192.0.2.300' is not an IPv4 address"],
    [['predict', '--zone', DEMO, '--from', 'a@b.example', '--ip', '192.0.2.1', '--mail-from', '<>'], '--helo: is required with a null sender'],
    [['predict', '--zone', DEMO, '--from', 'a@b.example', '--ip', '192.0.2.1', '--profile', `${DEMO}/profiles.json`], 'use either --profile FILE or --from'],
    [['predict', '--zone', DEMO, '--profile', 'fixtures/predict/missing.json'], 'fixtures/predict/missing.json: cannot read the profile file'],
  ])('%j', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a bad profile file names file:line:column and the JSON path', async () => {
    const run = await runCli(['predict', '--zone', DEMO, '--profile', 'fixtures/predict/bad-profiles.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("fixtures/predict/bad-profiles.json:7:28: $.profiles[0].ips[1]: '192.0.2.999' is not an IPv4 address");
    expect(run.stderr).toContain('fixtures/predict/bad-profiles.json:8:7: $.profiles[0].volumes: unknown key "volumes" (did you mean "volume"?)');
  });
});
