import { describe, expect, it } from 'vitest';
import { applyConfig } from '../../src/cli/apply-config.js';
import { parseConfigText } from '../../src/config/load.js';
import type { GlobalOptions } from '../../src/cli/command.js';
import type { AuthauditConfig } from '../../src/config/types.js';

const defaults: GlobalOptions = {
  zone: [],
  overlay: [],
  view: null,
  resolver: [],
  doh: null,
  timeout: 5000,
  format: 'text',
  failOn: 'error',
  ignore: [],
  config: null,
  quiet: false,
  verbose: false,
  color: false,
  output: [],
};

function config(json: object): AuthauditConfig {
  const r = parseConfigText(JSON.stringify(json), '/repo/authaudit.config.json');
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.config;
}

const cfg = config({
  failOn: 'warning',
  ignore: ['dkim-testing'],
  resolver: { servers: ['192.0.2.53'], doh: 'https://dns.example/dns-query', timeout: 1500 },
  zone: ['zones'],
});

describe('config values under command-line options', () => {
  it('fill in what the command line left out', () => {
    const o = applyConfig(defaults, cfg, new Set());
    expect(o.failOn).toBe('warning');
    expect(o.timeout).toBe(1500);
    expect(o.resolver).toEqual(['192.0.2.53']);
    expect(o.doh).toBe('https://dns.example/dns-query');
    expect(o.zone).toEqual(['/repo/zones']);
    expect(o.ignore).toEqual(['dkim-testing']);
    expect(o.config).toBe('/repo/authaudit.config.json');
  });

  it('never override what the user typed', () => {
    const typed: GlobalOptions = { ...defaults, failOn: 'never', timeout: 9000, resolver: ['198.51.100.1'], zone: ['other'], doh: 'https://x.example/q' };
    const o = applyConfig(typed, cfg, new Set<keyof GlobalOptions>(['failOn', 'timeout']));
    expect(o.failOn).toBe('never');
    expect(o.timeout).toBe(9000);
    expect(o.resolver).toEqual(['198.51.100.1']);
    expect(o.zone).toEqual(['other']);
    expect(o.doh).toBe('https://x.example/q');
  });

  it('--ignore adds to the config ignore list', () => {
    expect(applyConfig({ ...defaults, ignore: ['spf-*', 'dkim-testing'] }, cfg, new Set()).ignore).toEqual(['spf-*', 'dkim-testing']);
    expect(applyConfig({ ...defaults, ignore: ['spf-*'] }, cfg, new Set()).ignore).toEqual(['spf-*', 'dkim-testing']);
  });

  it('without a config nothing changes', () => {
    expect(applyConfig(defaults, null, new Set())).toBe(defaults);
  });

  it('keeps defaults where the config is silent', () => {
    const o = applyConfig(defaults, config({ domains: ['example.com'] }), new Set());
    expect(o.failOn).toBe('error');
    expect(o.timeout).toBe(5000);
  });
});
