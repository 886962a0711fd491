// Things a parsed record says that are legal but almost never what the publisher meant.
import type { ParseWarning, SpfRecord } from './types.js';

export function noticeWarnings(record: SpfRecord): ParseWarning[] {
  const warnings: ParseWarning[] = [];
  const all = record.mechanisms.find((m) => m.mechanism === 'all');
  if (all) {
    // RFC 7208 §5.1: mechanisms after "all" will never be tested.
    for (const m of record.mechanisms) {
      if (m.position > all.position) {
        warnings.push({
          code: 'terms-after-all',
          position: m.position,
          rule: 'RFC 7208 §5.1',
          message: `'${m.text}' comes after '${all.text}' and is never evaluated`,
        });
      }
    }
    // RFC 7208 §6.1: redirect is ignored when the record has an "all" mechanism.
    if (record.redirect) {
      warnings.push({
        code: 'redirect-with-all',
        position: record.redirect.position,
        rule: 'RFC 7208 §6.1',
        message: `'${record.redirect.text}' is ignored because the record contains '${all.text}'`,
      });
    }
  }
  for (const m of record.mechanisms) {
    if (m.mechanism === 'ptr') {
      // RFC 7208 §5.5: the ptr mechanism SHOULD NOT be published.
      warnings.push({
        code: 'ptr-mechanism',
        position: m.position,
        rule: 'RFC 7208 §5.5',
        message: `'${m.text}' is slow, unreliable and deprecated; many receivers skip it`,
      });
    }
  }
  for (const t of record.terms) {
    if (t.kind === 'modifier' && t.modifier === 'unknown') {
      // RFC 7208 §6: unrecognized modifiers are ignored; a typo here changes nothing silently.
      warnings.push({
        code: 'unknown-modifier',
        position: t.position,
        rule: 'RFC 7208 §6',
        message: `unknown modifier '${t.name}=' is ignored by receivers`,
      });
    }
  }
  return warnings.sort((a, b) => a.position - b.position);
}
