// diff passes the audit's transport and BIMI options to both versions, for a plan diff as for a
// zone diff: --fetch turns on the MTA-STS policy fetch that diff leaves off otherwise, and
// --bimi-selector/--bimi-roots reach the BIMI check. A Terraform plan audited offline (its
// `before` values are the base): it publishes an MTA-STS record whose policy host is a loopback
// address with nothing to fetch, and a BIMI record at the selector "brand".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonOf, runBuiltCli } from '../helpers/run-cli.js';

const temp = mkdtempSync(join(tmpdir(), 'authaudit-diff-fetch-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const record = (name: string, type: string, content: string) => ({ zone_id: 'z1', name, type, content, ttl: 1 });
const create = (id: string, after: object) => ({ address: `cloudflare_record.${id}`, mode: 'managed', type: 'cloudflare_record', name: id, change: { actions: ['create'], before: null, after, after_unknown: {} } });
const planPath = join(temp, 'plan.json');
writeFileSync(
  planPath,
  JSON.stringify({
    format_version: '1.2',
    resource_changes: [
      create('sts', record('_mta-sts', 'TXT', 'v=STSv1; id=1')),
      create('sts_host', record('mta-sts', 'A', '127.0.31.99')),
      create('bimi', record('brand._bimi', 'TXT', 'v=BIMI1; l=; a=')),
    ],
    prior_state: { values: { root_module: { resources: [{ type: 'cloudflare_zone', values: { id: 'z1', zone: 'plan.example' } }] } } },
  }),
);

interface Diff {
  domains: { domain: string; introduced: { id: string; message: string }[] }[];
}
const introduced = async (extra: string[]) => {
  const run = await runBuiltCli(['diff', '--plan', planPath, '--offline', '--timeout', '1000', '--fail-on', 'never', '--format', 'json', ...extra]);
  return { run, found: (jsonOf(run) as unknown as Diff).domains.flatMap((d) => d.introduced) };
};

describe('diff --plan with the audit options', () => {
  it('without --fetch the policy is not fetched, and says --fetch would', async () => {
    const { found } = await introduced([]);
    expect(found.find((f) => f.id === 'mta-sts-policy-not-fetched')?.message).toContain('HTTPS fetches are off in diff; pass --fetch to fetch');
  });
  it('--fetch fetches it (a request logged with --verbose; nothing listens there, so it fails)', async () => {
    const { run, found } = await introduced(['--fetch', '--verbose']);
    expect(found.map((f) => f.id)).not.toContain('mta-sts-policy-not-fetched');
    expect(found.map((f) => f.id)).toContain('mta-sts-policy-unavailable');
    expect(run.stderr).toContain('https: GET https://mta-sts.plan.example/.well-known/mta-sts.txt');
  });
  it('--bimi-selector: the record at brand._bimi is read (declined), not the default selector', async () => {
    expect((await introduced([])).found.map((f) => f.id)).not.toContain('bimi-declined');
    expect((await introduced(['--bimi-selector', 'brand'])).found.map((f) => f.id)).toContain('bimi-declined');
  });
  it('--bimi-roots is read: a file that is not there is exit 2 naming it', async () => {
    const run = await runBuiltCli(['diff', '--plan', planPath, '--offline', '--bimi-roots', join(temp, 'none.pem')]);
    expect([run.code, run.stderr.trim()]).toEqual([2, `authaudit: --bimi-roots ${join(temp, 'none.pem')}: no such file`]);
  });
});
