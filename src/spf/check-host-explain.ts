// RFC 7208 §6.2: the explanation for a "fail". The exp= domain-spec is expanded, its single TXT record is
// fetched (not counted against the lookup limits, and looked up once, after the result is known), parsed
// as an explain-string and expanded. Any problem on the way means: use the default explanation.
import { joinTxt } from '../model/txt.js';
import type { CheckHostContext } from './check-host-context.js';
import { expandDomainSpec, expandMacroString, type MacroValues } from './macro-expand.js';
import { parseMacroString } from './macro-parse.js';
import type { ExpModifier, MacroString } from './types.js';

/** The default explanation (an explain-string, expanded like one). */
export const DEFAULT_EXPLANATION = '%{o} does not designate %{c} as a permitted sender';

function usesP(value: MacroString): boolean {
  return value.parts.some((p) => p.kind === 'macro' && p.letter === 'p');
}

async function valuesFor(ctx: CheckHostContext, domain: string, strings: MacroString[]): Promise<MacroValues> {
  const values: MacroValues = { ...ctx.base, domain, validatedDomain: null };
  if (strings.some(usesP)) values.validatedDomain = await ctx.validatedDomainFor(domain);
  return values;
}

/** DEFAULT_EXPLANATION parsed: a constant, like the text. */
const DEFAULT_PARSED = parseMacroString(DEFAULT_EXPLANATION, 'explain-string');

/** The default text, expanded for this check. */
export async function defaultExplanation(ctx: CheckHostContext, domain: string, template = DEFAULT_EXPLANATION): Promise<string> {
  const parsed = template === DEFAULT_EXPLANATION ? DEFAULT_PARSED : parseMacroString(template, 'explain-string');
  if (!parsed.ok) return template;
  return expandMacroString(parsed.value, await valuesFor(ctx, domain, [parsed.value]));
}

/** The record's explanation, or null when the default must be used. */
export async function recordExplanation(ctx: CheckHostContext, exp: { modifier: ExpModifier; domain: string }): Promise<string | null> {
  const spec = exp.modifier.domain;
  const name = expandDomainSpec(spec, await valuesFor(ctx, exp.domain, [spec]));
  if (!ctx.run.queryable(name)) return null;
  const answer = await ctx.query(name, 'TXT');
  // RFC 7208 §6.2: a DNS error, no records, or more than one record: proceed as if no exp was given.
  if (answer.kind !== 'records' || answer.records.length !== 1) return null;
  const first = answer.records[0];
  if (!first) return null;
  const text = joinTxt(first.strings);
  // RFC 7208 §6.2: the explanation string is ASCII; a syntax error means no explanation.
  const parsed = parseMacroString(text, 'explain-string');
  if (!parsed.ok) return null;
  return expandMacroString(parsed.value, await valuesFor(ctx, exp.domain, [parsed.value]));
}
