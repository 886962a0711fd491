// Turn a parsed record back into record text: "v=spf1", then each term in order separated by one space.
// Names are written in lowercase; qualifiers and prefix lengths only where the original wrote them.
import type { DualCidr, MacroString, Mechanism, Modifier, SpfRecord, Term } from './types.js';

function renderCidr(cidr: DualCidr): string {
  return `${cidr.ip4 === null ? '' : `/${cidr.ip4}`}${cidr.ip6 === null ? '' : `//${cidr.ip6}`}`;
}

function renderDomain(domain: MacroString | null): string {
  return domain === null ? '' : `:${domain.text}`;
}

export function renderMechanism(m: Mechanism): string {
  const q = m.qualifierExplicit ? m.qualifier : '';
  switch (m.mechanism) {
    case 'all':
      return `${q}all`;
    case 'include':
    case 'exists':
      return `${q}${m.mechanism}:${m.domain.text}`;
    case 'a':
    case 'mx':
      return `${q}${m.mechanism}${renderDomain(m.domain)}${renderCidr(m.cidr)}`;
    case 'ptr':
      return `${q}ptr${renderDomain(m.domain)}`;
    case 'ip4':
    case 'ip6':
      return `${q}${m.mechanism}:${m.address}${m.prefixExplicit ? `/${m.prefix}` : ''}`;
  }
}

export function renderModifier(m: Modifier): string {
  if (m.modifier === 'unknown') return `${m.name}=${m.value.text}`;
  return `${m.modifier}=${m.domain.text}`;
}

export function renderTerm(term: Term): string {
  return term.kind === 'mechanism' ? renderMechanism(term) : renderModifier(term);
}

/** The record as text (terms in their original order). */
export function renderRecord(record: Pick<SpfRecord, 'terms'>): string {
  return ['v=spf1', ...record.terms.map(renderTerm)].join(' ');
}
