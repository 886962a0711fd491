// docs/providers.md carries a section generated from the provider registry; `npm run docs:providers`
// writes it. This test fails when the file is not what the script would write, and holds the
// registry to what the issue asks of it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROVIDER_RULES } from '../../src/predict/predict.js';
import { PROVIDERS } from '../../src/predict/types.js';
import { PROVIDER_INFO, PROVIDER_REPLIES, PROVIDER_REQUIREMENTS } from '../../src/providers/registry.js';
import { GENERATED_BEGIN, GENERATED_END, renderProviderRegistryMarkdown, withGeneratedSection } from '../../src/providers/render-markdown.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(join(ROOT, 'docs/providers.md'), 'utf8');

describe('docs/providers.md and the provider registry', () => {
  it('the generated section is what `npm run docs:providers` writes', () => {
    expect(doc.includes(GENERATED_BEGIN) && doc.includes(GENERATED_END), 'run npm run docs:providers').toBe(true);
    expect(withGeneratedSection(doc, renderProviderRegistryMarkdown()), 'docs/providers.md is stale: run npm run docs:providers').toBe(doc);
  });

  it('a stale section is replaced, not appended twice', () => {
    const stale = withGeneratedSection(doc, `${GENERATED_BEGIN}\nold\n${GENERATED_END}`);
    expect(stale).not.toBe(doc);
    expect(withGeneratedSection(stale, renderProviderRegistryMarkdown())).toBe(doc);
  });
});

describe('the registry', () => {
  it('reply ids are unique and every reply and requirement names a dated (or undated) https source', () => {
    const ids = PROVIDER_REPLIES.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const s of [...PROVIDER_REPLIES.map((r) => r.source), ...PROVIDER_REQUIREMENTS.map((r) => r.source)]) {
      expect(s.url).toMatch(/^https:\/\//);
      if (s.read !== null) expect(s.read).toMatch(/^\d{4}-\d{2}$/);
    }
  });

  it("each reply's own text is recognised by its match", () => {
    const unmatched = PROVIDER_REPLIES.filter((r) => r.text !== null && !r.text.startsWith('…') && !r.match.test(r.text)).map((r) => r.id);
    expect(unmatched).toEqual([]);
  });

  it.each([
    ['5.7.26', 3], ['4.7.26', 2], ['5.7.27', 1], ['4.7.27', 1], ['5.7.24', 1], ['5.7.25', 1], ['4.7.23', 1], ['5.7.30', 1], ['4.7.30', 1],
    ['5.7.40', 1], ['4.7.40', 1], ['4.7.31', 1], ['4.7.32', 1], ['4.7.28', 1], ['5.7.29', 1],
  ] as const)('Gmail %s: %i text(s)', (enhanced, count) => {
    const gmail = PROVIDER_REPLIES.filter((r) => r.provider === 'gmail' && r.forms.some((f) => f.enhanced === enhanced));
    expect(gmail).toHaveLength(count);
  });

  it.each([
    ['outlook', '5.7.515'], ['outlook', '5.7.509'], ['yahoo', '5.7.9'],
  ] as const)('%s %s is in the registry', (provider, enhanced) => {
    expect(PROVIDER_REPLIES.some((r) => r.provider === provider && r.forms.some((f) => f.enhanced === enhanced))).toBe(true);
  });

  it('Yahoo TSS codes, iCloud, GMX/WEB.DE and La Poste have entries with sources', () => {
    expect(PROVIDER_REPLIES.filter((r) => r.provider === 'yahoo' && /\[TSS\d\d\]/.test(r.text ?? '')).length).toBeGreaterThanOrEqual(2);
    for (const p of ['icloud', 'gmx', 'laposte'] as const) {
      expect(PROVIDER_REPLIES.some((r) => r.provider === p), p).toBe(true);
      expect(PROVIDER_REQUIREMENTS.some((r) => r.provider === p), p).toBe(true);
    }
  });

  it("every code a predictor rule's row names is a form of that provider's replies in the registry", () => {
    const missing: string[] = [];
    for (const provider of PROVIDERS) {
      const forms = PROVIDER_REPLIES.filter((r) => r.provider === provider).flatMap((r) => r.forms.map((f) => f.enhanced));
      for (const rule of PROVIDER_RULES[provider]) {
        for (const code of rule.row.match(/\b[245]\.\d{1,3}\.\d{1,3}\b/g) ?? []) if (!forms.includes(code)) missing.push(`${rule.id}: ${code}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('only Gmail, Outlook.com and Yahoo are predicted by default', () => {
    expect(PROVIDER_INFO.filter((p) => p.predictedByDefault).map((p) => p.id)).toEqual([...PROVIDERS]);
  });
});
