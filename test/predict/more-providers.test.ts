// iCloud, GMX/WEB.DE and La Poste: predicted only when asked (`predict --providers`), through the built CLI over the demo zones.
import { describe, expect, it } from 'vitest';
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
