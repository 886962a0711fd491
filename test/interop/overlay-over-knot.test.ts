// `--overlay` (proposed zone files over the live DNS) and `diff` (base and head each laid over the
// live DNS) must mean what the same files mean offline. Knot plays the live DNS; being
// authoritative only, it serves the parent zones (example., in-addr.arpa., ip6.arpa.), and the
// offline runs read the same parents, so that a name outside every zone is NXDOMAIN on both sides.

import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutSources } from './comparable-report.js';
import { startKnot, type KnotServer } from '../helpers/knot.js';
import { jsonOf, runCli, type CliRun } from '../helpers/run-cli.js';

const BASE = fileURLToPath(new URL('../../fixtures/diff/base/', import.meta.url));
const HEAD = fileURLToPath(new URL('../../fixtures/diff/head/', import.meta.url));
const PROFILES = fileURLToPath(new URL('../../fixtures/diff/profiles.json', import.meta.url));
const parent = (origin: string) => `$ORIGIN ${origin}.\n$TTL 3600\n@ IN SOA ns.example. hostmaster.example. ( 1 3600 600 86400 300 )\n@ IN NS ns.example.\n`;

let tmp: string;
let parents: string;
let baseWithParents: string;
let mixed: string;
/** Knot with the base zones and the parents: the live DNS before the change. */
let live: KnotServer;
/** Knot with the parents only: a live DNS that knows nothing of the fixture zones. */
let bare: KnotServer;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'authaudit-overlay-'));
  parents = join(tmp, 'parents');
  baseWithParents = join(tmp, 'base');
  mixed = join(tmp, 'mixed');
  mkdirSync(parents);
  cpSync(BASE, baseWithParents, { recursive: true });
  cpSync(BASE, mixed, { recursive: true });
  for (const dir of [parents, baseWithParents, mixed]) {
    for (const origin of ['example', 'in-addr.arpa', 'ip6.arpa']) writeFileSync(join(dir, `${origin}.zone`), parent(origin));
  }
  // the proposed change to one zone, laid over the base world
  cpSync(join(HEAD, 'acme.example.zone'), join(mixed, 'acme.example.zone'));
  live = await startKnot({ zoneDirs: [baseWithParents] });
  bare = await startKnot({ zoneDirs: [parents] });
}, 60_000);

afterAll(async () => {
  await live?.stop();
  await bare?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The run's JSON report, with what differs by design between network and files dropped. */
function comparable(run: CliRun): unknown {
  expect(run.code, run.stderr).toBe(0);
  return withoutSources(jsonOf(run));
}

interface Finding {
  id: string;
  severity: 'error' | 'warning' | 'info';
  evidence: { domain: string | null };
}
type Summary = Record<Finding['severity'], number>;
interface Report {
  findings: Finding[];
  summary?: Summary;
  domains: { findings: Finding[]; summary: Summary }[];
}

/** The report without the findings of one id, the counts they were part of lowered to match. */
function withoutFindings(report: Report, id: string): Report {
  const drop = (findings: Finding[], summary: Summary | undefined): { findings: Finding[]; summary: Summary | undefined } => {
    const kept = findings.filter((f) => f.id !== id);
    if (summary === undefined) return { findings: kept, summary };
    const lowered = { ...summary };
    for (const f of findings) if (f.id === id) lowered[f.severity] -= 1;
    return { findings: kept, summary: lowered };
  };
  const top = drop(report.findings, report.summary);
  return {
    ...report,
    ...(top.summary === undefined ? { findings: top.findings } : top),
    domains: report.domains.map((d) => ({ ...d, ...(drop(d.findings, d.summary) as { findings: Finding[]; summary: Summary }) })),
  };
}

describe('--overlay over Knot means what the same files mean offline', () => {
  it('audit: one proposed zone file over the live base world = the mixed world read offline', async () => {
    const args = ['audit', '--profile', PROFILES, '--fail-on', 'never', '--format', 'json', 'acme.example', 'widgets.example'];
    const overlaid = await runCli(['--overlay', join(HEAD, 'acme.example.zone'), '--resolver', `${live.address}:${live.port}`, '--timeout', '3000', ...args]);
    const offline = await runCli(['--zone', mixed, ...args]);
    const report = comparable(overlaid) as Report;
    // the one difference by design: the domain outside the overlay is told its answers came from live DNS
    expect(report.findings.filter((f) => f.id === 'overlay-not-covering').map((f) => f.evidence.domain)).toEqual(['widgets.example']);
    const a = withoutFindings(report, 'overlay-not-covering');
    expect(a.domains).toHaveLength(2);
    expect(a.findings.length).toBeGreaterThan(3);
    expect(a).toEqual(comparable(offline));
  }, 60_000);

  it('diff: base and head laid over the live DNS = base and head read offline', async () => {
    const args = ['diff', '--base', BASE, '--head', HEAD, '--profile', PROFILES, '--fail-on', 'never', '--format', 'json'];
    const overlaid = await runCli([...args, '--resolver', `${bare.address}:${bare.port}`, '--timeout', '3000']);
    const offline = await runCli([...args, '--offline', '--zone', parents]);
    const a = comparable(overlaid) as Record<string, unknown>;
    expect(JSON.stringify(a)).toContain('introduced');
    expect(a).toEqual(comparable(offline));
  }, 60_000);
});
