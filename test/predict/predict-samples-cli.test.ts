// `authaudit predict` without sending addresses, through the BUILT command (`npm test` builds first):
// samples of the ranges the MAIL FROM domain's SPF authorizes, named as samples in text and JSON, and a
// prediction without an address when there is no range to sample. Offline over zone files.
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runBuiltCli, type CliRun } from '../helpers/run-cli.js';
import { reportValidator } from '../report/schemas.js';

type Json = Record<string, unknown>;

const DEMO = ['--zone', 'fixtures/demo'];
const SHOP = ['--from', 'news@shop.example', '--mail-from', 'bounces.sendwave.example', '--dkim', 'sendwave.example:smtpapi'];
const SAMPLES = ['--zone', 'fixtures/predict-samples'];

const validate = reportValidator();

/** The JSON report of a run that printed one, checked against the report schema. */
function report(run: CliRun): Json {
  expect(run.stderr).toBe('');
  const doc = JSON.parse(run.stdout) as Json;
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  return doc;
}

const predictionsOf = (doc: Json): Json[] => doc['predictions'] as Json[];
const samplesOf = (doc: Json): Json[] => doc['samples'] as Json[];
const evidenceOf = (p: Json): Json => p['evidence'] as Json;
const notesOf = (p: Json): string[] => p['notes'] as string[];

beforeAll(() => {
  if (!existsSync(`${REPO_ROOT}dist/cli/main.js`)) throw new Error('dist/ is missing: run `npm run build` before these tests');
});

describe('predict without --ip: samples of the ranges the MAIL FROM domain\'s SPF authorizes', () => {
  it('text: one sample per block of sendwave.example, each named a sample of a shared pool', async () => {
    const run = await runBuiltCli(['predict', ...DEMO, ...SHOP]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // shop.example's p=reject still rejects: nothing about sampling hides it
    expect(run.stdout).toContain(
      "Addresses: no sending address given: these 3 addresses are samples of the ranges bounces.sendwave.example's SPF authorizes (one per block, listed by sendwave.example), a pool shared with the provider's other customers: give --ip",
    );
    expect(run.stdout).toContain("A sample's reverse DNS is set by whoever holds its block, so what FCrDNS says about a sample is a fact about that pool");
    expect(run.stdout).toContain("  198.51.100.129 (IPv4, sample of 198.51.100.128/27: 'ip4:198.51.100.128/27' in sendwave.example)");
    expect(run.stdout).toContain("  198.51.100.161 (IPv4, sample of 198.51.100.160/27: 'ip4:198.51.100.160/27' in sendwave.example)");
    expect(run.stdout).toContain("  2001:db8:3000::1 (IPv6, sample of 2001:db8:3000::/48: 'ip6:2001:db8:3000::/48' in sendwave.example)");
    expect(run.stdout).toMatch(/Gmail +rejected 550 5\.7\.26 +gmail-dmarc-policy/);
    // the sample's missing PTR is the provider's: a risk, not a certain rejection of the stream's mail
    expect(run.stdout).toMatch(/also rejected 550 5\.7\.25 \(risk\) +gmail-ptr/);
    expect(run.stdout).not.toMatch(/also rejected 550 5\.7\.25 +gmail-ptr/);
    expect(run.stdout).toContain('note 198.51.100.129 is a sample of 198.51.100.128/27');
    expect(run.stdout).toContain('9 predictions: 0 accepted, 9 rejected');
  });

  it('JSON: schema-valid; the samples list names the stream, each sample and its block; each prediction carries its sample', async () => {
    const doc = report(await runBuiltCli(['predict', ...DEMO, ...SHOP, '--format', 'json']));
    const [samples, ...more] = samplesOf(doc);
    expect(more).toEqual([]);
    expect(samples).toMatchObject({ stream: 'default', domain: 'bounces.sendwave.example', blocks: 3, blocksPastLimit: 0, none: null });
    expect(samples?.['note']).toMatch(/^no sending address given: these 3 addresses are samples of the ranges bounces\.sendwave\.example's SPF authorizes/);
    const addresses = samples?.['addresses'] as Json[];
    expect(addresses.map((a) => a['address'])).toEqual(['198.51.100.129', '198.51.100.161', '2001:db8:3000::1']);
    expect(addresses[2]).toEqual({ address: '2001:db8:3000::1', family: 6, block: '2001:db8:3000::/48', domain: 'sendwave.example', term: 'ip6:2001:db8:3000::/48', path: ['bounces.sendwave.example', 'sendwave.example'] });
    expect((doc['streams'] as Json[])[0]).toMatchObject({ name: 'default', ips: [] });
    const predictions = predictionsOf(doc);
    expect(predictions).toHaveLength(9);
    for (const p of predictions) {
      const sample = evidenceOf(p)['sample'] as Json;
      expect(sample['address']).toBe(p['address']);
      expect((evidenceOf(p)['spf'] as Json)['result']).toBe('pass');
    }
    const ptr = predictions.find((p) => p['provider'] === 'gmail' && p['address'] === '198.51.100.129') as Json;
    expect((ptr['also'] as Json[]).find((r) => r['rule'] === 'gmail-ptr')).toMatchObject({ enhanced: '5.7.25', certainty: 'risk' });
    const findings = doc['findings'] as Json[];
    expect(findings.some((f) => String(f['message']).includes('sent from 198.51.100.129 (a sample of 198.51.100.128/27, which the SPF of bounces.sendwave.example authorizes)'))).toBe(true);
  });

  it('--ip gives the exact prediction, with no samples', async () => {
    const doc = report(await runBuiltCli(['predict', ...DEMO, ...SHOP, '--ip', '198.51.100.131', '--format', 'json']));
    expect(samplesOf(doc)).toEqual([]);
    expect(predictionsOf(doc).map((p) => p['address'])).toEqual(['198.51.100.131', '198.51.100.131', '198.51.100.131']);
    expect(predictionsOf(doc).every((p) => evidenceOf(p)['sample'] === null)).toBe(true);
  });
});

describe('predict with a profile stream without "ips"', () => {
  it('samples 16 of 19 blocks round-robin over the includes; a stream whose MAIL FROM has no SPF is predicted without an address', async () => {
    const run = await runBuiltCli(['predict', ...SAMPLES, '--profile', 'fixtures/predict-samples/profiles.json', '--format', 'json']);
    expect(run.code).toBe(1);
    const doc = report(run);
    const [relay, nospf] = samplesOf(doc);
    expect(relay).toMatchObject({ stream: 'relay', domain: 'samples.example', blocks: 19, blocksPastLimit: 0, none: null });
    const addresses = (relay?.['addresses'] as Json[]).map((a) => `${String(a['domain'])} ${String(a['address'])}`);
    expect(addresses).toHaveLength(16);
    // one turn each for _a, _b and relay.example's own block, then what is left of each
    expect(addresses.slice(0, 5)).toEqual(['_a.relay.example 203.0.113.1', '_b.relay.example 198.51.100.65', 'relay.example 2001:db8:77::1', '_a.relay.example 203.0.113.17', '_b.relay.example 198.51.100.200']);
    expect(addresses.filter((a) => a.startsWith('_a.'))).toHaveLength(13);

    const predictions = predictionsOf(doc);
    const of = (stream: string, provider: string, address: string | null): Json => predictions.find((p) => p['stream'] === stream && p['provider'] === provider && p['address'] === address) as Json;
    // 203.0.113.1 has forward-confirmed reverse DNS: accepted; 203.0.113.17 has no PTR: the pool's risk
    expect(of('relay', 'gmail', '203.0.113.1')).toMatchObject({ verdict: 'accepted' });
    expect(of('relay', 'gmail', '203.0.113.17')).toMatchObject({ rule: 'gmail-ptr', enhanced: '5.7.25', certainty: 'risk' });
    expect(notesOf(of('relay', 'gmail', '203.0.113.17'))).toContainEqual(expect.stringContaining('is a sample of 203.0.113.16/28'));

    expect(nospf).toMatchObject({ stream: 'nospf', domain: 'nospf.samples.example', addresses: [], blocks: 0, none: 'nospf.samples.example publishes no SPF record' });
    const gmail = of('nospf', 'gmail', null);
    expect(evidenceOf(gmail)).toMatchObject({ family: null, fcrdns: null, sample: null, spf: { result: 'none', domain: 'nospf.samples.example' } });
    // the relay stream makes the From domain a bulk sender, and SPF none holds for any address: certain
    expect(gmail).toMatchObject({ rule: 'gmail-bulk-spf', enhanced: '5.7.27', certainty: 'certain' });
    expect(notesOf(gmail)).toContainEqual(expect.stringMatching(/^not evaluated without a sending address: Gmail 550 5\.7\.25/));
    expect(notesOf(gmail)).toContainEqual(expect.stringMatching(/^not evaluated without a sending address: Gmail 550 5\.7\.1/));
    expect(notesOf(of('nospf', 'outlook', null))).toContainEqual(expect.stringMatching(/^not evaluated without a sending address: Outlook\.com 450 4\.7\.25/));
    expect(predictions.filter((p) => p['stream'] === 'nospf')).toHaveLength(3);
  });
});

describe('predict without --ip when the SPF authorizes no range', () => {
  it('a MAIL FROM domain with no SPF: says so, and predicts for any address (text)', async () => {
    const run = await runBuiltCli(['predict', ...SAMPLES, '--from', 'news@samples.example', '--mail-from', 'nospf.samples.example']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "Addresses: no sending address given, and nospf.samples.example's SPF authorizes no address range to sample (nospf.samples.example publishes no SPF record): predicted without an address (SPF none for any address); the rules that need one (reverse DNS, the IPv6 rules) are not evaluated",
    );
    expect(run.stdout).toContain('\n  no sending address\n    SPF none for nospf.samples.example with any address, 0 lookups');
    expect(run.stdout).toContain('    FCrDNS not checked: no address');
    // neither SPF nor DKIM can pass, for any address: certain, with the [ip] Gmail fills in left open
    expect(run.stdout).toMatch(/Gmail +rejected 550 5\.7\.26 +gmail-unauthenticated/);
    expect(run.stdout).toContain('SPF nospf.samples.example with ip: [ip] = did not pass.');
    expect(run.stdout).toContain('fix  add TXT at nospf.samples.example: "v=spf1 ip4:<sending-address> ~all"');
    expect(run.stdout).toContain('note not evaluated without a sending address: Gmail 550 5.7.25');
    expect(run.stdout).toContain('3 predictions:');
  });

  it('JSON: address null, schema-valid; -all is fail for any address; exists with %{i} leaves SPF unknown (a risk)', async () => {
    const deny = report(await runBuiltCli(['predict', ...SAMPLES, '--from', 'news@samples.example', '--mail-from', 'deny.samples.example', '--format', 'json']));
    expect(samplesOf(deny)[0]).toMatchObject({ addresses: [], none: 'its SPF lists no ip4, ip6, a or mx range that passes' });
    const gmail = predictionsOf(deny).find((p) => p['provider'] === 'gmail') as Json;
    expect(gmail).toMatchObject({ address: null, rule: 'gmail-unauthenticated', certainty: 'certain' });
    expect(evidenceOf(gmail)['spf']).toMatchObject({ result: 'fail', deciding: { term: '-all' } });

    const macros = report(await runBuiltCli(['predict', ...SAMPLES, '--from', 'news@samples.example', '--mail-from', 'macros.samples.example', '--format', 'json']));
    expect(samplesOf(macros)[0]?.['none']).toBe('it authorizes addresses only through terms that depend on the message or the address (macros, ptr)');
    const unknown = predictionsOf(macros).find((p) => p['provider'] === 'gmail') as Json;
    expect(evidenceOf(unknown)['spf']).toMatchObject({ result: null, deciding: null, record: 'v=spf1 exists:%{i}._spf.relay.example -all' });
    expect(unknown).toMatchObject({ address: null, rule: 'gmail-unauthenticated', certainty: 'risk' });
  });
});

describe('audit with a profile without "ips"', () => {
  it('lists the sample predictions marked as samples, and the address-less one; JSON schema-valid', async () => {
    const args = ['--zone', 'fixtures/predict-samples', '--profile', 'fixtures/predict-samples/profiles.json', 'samples.example'];
    const text = await runBuiltCli(args);
    expect(text.stderr).toBe('');
    expect(text.stdout).toMatch(/Gmail +203\.0\.113\.1 \(sample\) accepted 250 2\.0\.0 +profile relay/);
    expect(text.stdout).toMatch(/Gmail +no address +rejection 550 5\.7\.27 +profile nospf/);
    const doc = report(await runBuiltCli([...args, '--format', 'json']));
    const predictions = (doc['domains'] as Json[])[0]?.['predictions'] as Json[];
    expect(predictions.filter((p) => p['stream'] === 'relay')).toHaveLength(48);
    expect(predictions.filter((p) => p['stream'] === 'nospf').map((p) => p['address'])).toEqual([null, null, null]);
  });
});
