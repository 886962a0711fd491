// A term moved from an included record into the top record must ask the same DNS question there. The
// only context a domain-spec depends on is <domain> (RFC 7208 §7.3 `%{d}`, and a missing domain-spec
// meaning the current domain, §5): both are written out as literals for the record's own domain.
// `%{p}` depends on <domain> in a way no literal can copy (§7.3): such a term cannot move.
import { sameName } from '../model/names.js';
import { transform, urlEscape } from '../spf/macro-expand.js';
import { parseMacroString } from '../spf/macro-parse.js';
import { renderMechanism, renderModifier } from '../spf/render.js';
import type { MacroString, Mechanism, Modifier, Qualifier } from '../spf/types.js';

/** The domain-spec text that names the same thing when evaluated for another domain, or null. */
function rewriteSpec(spec: MacroString, domain: string): string | null {
  let out = '';
  for (const part of spec.parts) {
    if (part.kind !== 'macro') {
      out += part.text;
      continue;
    }
    if (part.letter === 'p') return null;
    if (part.letter !== 'd') {
      out += part.text;
      continue;
    }
    const value = transform(domain, part);
    const literal = part.urlEscape ? urlEscape(value) : value;
    // RFC 7208 §7.1 macro-literal: %x21-24 / %x26-7E; anything else cannot be written as a literal
    if (!/^[\x21-\x24\x26-\x7e]*$/.test(literal)) return null;
    out += literal;
  }
  return out;
}

function withSpec(spec: MacroString | null, domain: string, sameDomain: boolean): MacroString | null | 'impossible' {
  if (sameDomain) return spec;
  const text = spec === null ? domain : rewriteSpec(spec, domain);
  if (text === null) return 'impossible';
  const parsed = parseMacroString(text, 'domain-spec');
  return parsed.ok ? parsed.value : 'impossible';
}

/**
 * The mechanism as the top record must write it: evaluated for `rootDomain` it asks what it asked for
 * `domain`, and a match gives `qualifier`. Null when that cannot be written.
 */
export function rewriteMechanism(m: Mechanism, domain: string, rootDomain: string, qualifier: Qualifier): string | null {
  const same = sameName(domain, rootDomain);
  const q = { qualifier, qualifierExplicit: qualifier !== '+' };
  switch (m.mechanism) {
    case 'all':
    case 'ip4':
    case 'ip6':
      return renderMechanism({ ...m, ...q });
    case 'include':
    case 'exists': {
      const spec = withSpec(m.domain, domain, same);
      if (spec === 'impossible' || spec === null) return null;
      return renderMechanism({ ...m, ...q, domain: spec });
    }
    case 'a':
    case 'mx':
    case 'ptr': {
      const spec = withSpec(m.domain, domain, same);
      if (spec === 'impossible') return null;
      return renderMechanism({ ...m, ...q, domain: spec });
    }
  }
}

/** A `redirect=` or `exp=` modifier written for the top record, or null when it cannot be. */
export function rewriteModifier(m: Modifier, domain: string, rootDomain: string): string | null {
  if (m.modifier === 'unknown') return renderModifier(m);
  const spec = withSpec(m.domain, domain, sameName(domain, rootDomain));
  if (spec === 'impossible' || spec === null) return null;
  return renderModifier({ ...m, domain: spec });
}
