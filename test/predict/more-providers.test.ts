// iCloud, GMX/WEB.DE and La Poste: predicted only when asked (`--providers` of predict, audit and
// message; `providers` in a profile or the config), through the built CLI over the demo zones.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, runBuiltCli } from '../helpers/run-cli.js';

const DEMO = ['--zone', 'fixtures/demo'];
const SHOP = ['--from', 'news@shop.example', '--mail-from', 'bounces.sendwave.example', '--dkim', 'sendwave.example:smtpapi', '--ip', '198.51.100.131'];
type Json = Record<string, unknown>;
const predictions = (run: Awaited<ReturnType<typeof runBuiltCli>>): Json[] => jsonOf(run)['predictions'] as Json[];

describe('predict --providers (built)', () => {
  it('by default only Gmail, Outlook.com and Yahoo are predicted', async () => {
    const run = await runBuiltCli(['predict', ...DEMO, ...SHOP, '--format', 'json']);
    expect(predictions(run).map((p) => p['provider'])).toEqual(['gmail', 'outlook', 'yahoo']);
  });

  it('all: shop.example (DMARC p=reject, nothing aligned) is refused by GMX (no aligned DKIM) and La Poste (DMARC); iCloud accepts it', async () => {
    const run = await runBuiltCli(['predict', ...DEMO, ...SHOP, '--providers', 'all', '--format', 'json']);
    const by = Object.fromEntries(predictions(run).map((p) => [p['provider'], p]));
    expect(Object.keys(by)).toEqual(['gmail', 'outlook', 'yahoo', 'icloud', 'gmx', 'laposte']);
    expect(by['gmx']).toMatchObject({ rule: 'gmx-dkim-aligned', verdict: 'rejection', code: '554', enhanced: null, text: 'Reject due to policy restrictions.', certainty: 'certain' });
    expect(by['laposte']).toMatchObject({ rule: 'laposte-dmarc-policy', verdict: 'rejection', code: '550', enhanced: '5.7.1', certainty: 'risk' });
    expect(by['icloud']).toMatchObject({ verdict: 'accepted' });
  });

  it('gmx,laposte: ledger.example from 192.0.2.40 (PTR not forward-confirmed) gets GMX\'s "Bad DNS PTR resource record" and La Poste\'s PTR rule', async () => {
    const run = await runBuiltCli(['predict', ...DEMO, '--from', 'ledger.example', '--dkim', 'ledger.example:k1', '--ip', '192.0.2.40', '--providers', 'gmx,laposte', '--format', 'json']);
    const by = Object.fromEntries(predictions(run).map((p) => [p['provider'], p]));
    expect(Object.keys(by)).toEqual(['gmx', 'laposte']);
    expect(by['gmx']).toMatchObject({ rule: 'gmx-ptr', code: '554', text: 'Bad DNS PTR resource record.' });
    // SPF is permerror (two records), not fail: La Poste's SPF rule stays quiet; p=quarantine means its spam folder
    expect(by['laposte']).toMatchObject({ rule: 'laposte-ptr', code: null });
    expect(((by['laposte'] as Json)['also'] as Json[]).map((r) => [r['rule'], r['verdict']])).toEqual([['laposte-dmarc-policy', 'spam-folder-risk']]);
  });

  it('icloud: a stream without DKIM misses the bulk requirements (a risk, no published code)', async () => {
    const run = await runBuiltCli(['predict', ...DEMO, '--from', 'northwind.example', '--ip', '203.0.113.10', '--providers', 'icloud', '--format', 'json']);
    expect(predictions(run)).toEqual([expect.objectContaining({ provider: 'icloud', rule: 'icloud-bulk-requirements', verdict: 'rejection', code: null, certainty: 'risk' })]);
  });

  it('an unknown provider is a usage error naming the known ones', async () => {
    const run = await runBuiltCli(['predict', ...DEMO, ...SHOP, '--providers', 'gmail,hotmail']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe("authaudit: --providers 'gmail,hotmail': 'hotmail' is not a provider (gmail, outlook, yahoo, icloud, gmx, laposte, or all)");
  });
});

describe('providers asked for in profiles, the config, audit and message (built)', () => {
  let dir = '';
  const DEMO_ABS = ['--zone', path.resolve('fixtures/demo')];
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authaudit-providers-'));
    fs.writeFileSync(
      path.join(dir, 'profiles.json'),
      JSON.stringify({ profiles: [
        { name: 'news', from: 'news@shop.example', mailFrom: 'bounces.sendwave.example', dkim: ['sendwave.example:smtpapi'], ips: ['198.51.100.131'], providers: ['gmx'] },
        { name: 'plain', from: 'ledger.example', dkim: ['ledger.example:k1'], ips: ['192.0.2.40'], volume: { gmail: 10, icloud: 10 } },
      ] }, null, 2),
    );
    fs.writeFileSync(path.join(dir, 'bad-profiles.json'), '{"from": "news@shop.example",\n "providers": ["gmail", "hotmail"]}\n');
    fs.writeFileSync(path.join(dir, 'authaudit.config.json'), JSON.stringify({ providers: ['icloud', 'laposte'] }));
    fs.writeFileSync(path.join(dir, 'message.eml'), 'From: news@shop.example\r\nTo: r@inbox.example\r\nSubject: hi\r\nDate: Mon, 02 Mar 2026 10:00:00 +0000\r\nMessage-ID: <1@shop.example>\r\n\r\nhello\r\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const providersOf = (run: Awaited<ReturnType<typeof runBuiltCli>>, stream?: string): unknown[] =>
    predictions(run).filter((p) => stream === undefined || p['stream'] === stream).map((p) => p['provider']);

  it('a profile\'s "providers" applies to its stream only; per-provider volumes accept the new ids too', async () => {
    const run = await runBuiltCli(['predict', ...DEMO_ABS, '--profile', path.join(dir, 'profiles.json'), '--format', 'json', '--fail-on', 'never']);
    expect(run.stderr).toBe('');
    expect(providersOf(run, 'news')).toEqual(['gmx']);
    expect(providersOf(run, 'plain')).toEqual(['gmail', 'outlook', 'yahoo']);
    expect((jsonOf(run)['streams'] as Json[])[1]?.['volume']).toEqual({ gmail: 10, outlook: null, yahoo: null, icloud: 10, gmx: null, laposte: null });
  });

  it('--providers wins over the profile\'s; the config\'s "providers" applies where neither names any', async () => {
    const run = await runBuiltCli(['predict', ...DEMO_ABS, '--profile', path.join(dir, 'profiles.json'), '--providers', 'yahoo', '--format', 'json', '--fail-on', 'never']);
    expect(providersOf(run)).toEqual(['yahoo', 'yahoo']);
    const configured = await runBuiltCli(['predict', ...DEMO_ABS, '--profile', path.join(dir, 'profiles.json'), '--format', 'json', '--fail-on', 'never'], { cwd: dir });
    expect(configured.stderr).toBe('');
    expect(providersOf(configured, 'news')).toEqual(['gmx']);
    expect(providersOf(configured, 'plain')).toEqual(['icloud', 'laposte']);
  });

  it('audit --providers and message --providers predict for the providers asked', async () => {
    const audit = await runBuiltCli(['audit', ...DEMO_ABS, 'shop.example', '--profile', path.join(dir, 'profiles.json'), '--providers', 'icloud,gmx', '--format', 'json', '--fail-on', 'never']);
    expect(audit.stderr).toBe('');
    const domain = (jsonOf(audit)['domains'] as Json[])[0] as Json;
    expect([...new Set((domain['predictions'] as Json[]).map((p) => p['provider']))]).toEqual(['icloud', 'gmx']);
    const message = await runBuiltCli(['message', ...DEMO_ABS, path.join(dir, 'message.eml'), '--ip', '198.51.100.131', '--providers', 'laposte', '--volume', 'gmx=20,laposte=20', '--format', 'json', '--fail-on', 'never']);
    expect(message.stderr).toBe('');
    expect(providersOf(message)).toEqual(['laposte']);
  });

  it('bad "providers" in a profile file or the config, and a bad --volume id: exit 2 naming the place', async () => {
    const bad = await runBuiltCli(['predict', ...DEMO_ABS, '--profile', path.join(dir, 'bad-profiles.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad-profiles\.json:2:\d+: \$\.providers: 'hotmail' is not a provider \(gmail, outlook, yahoo, icloud, gmx, laposte, or all\)/);
    fs.writeFileSync(path.join(dir, 'bad.config.json'), '{"providers": "most"}');
    const config = await runBuiltCli(['predict', ...DEMO_ABS, '--config', path.join(dir, 'bad.config.json'), '--from', 'shop.example']);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/bad\.config\.json:1:\d+: \$\.providers: must be "all" or a list of provider ids/);
    const volume = await runBuiltCli(['predict', ...DEMO_ABS, '--from', 'shop.example', '--volume', 'hotmail=3']);
    expect(volume.code).toBe(2);
    expect(volume.stderr).toContain("--volume 'hotmail=3': 'hotmail' is not a provider (gmail, outlook, yahoo, icloud, gmx, laposte)");
  });
});
