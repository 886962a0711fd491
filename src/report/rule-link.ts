// A link to the text a rule cites, for SARIF helpUri and Markdown: "RFC 7208 §4.6.4" becomes
// https://www.rfc-editor.org/rfc/rfc7208#section-4.6.4 (the first RFC named, when there are several).

export function ruleHelpUri(rule: string): string | null {
  const m = /\bRFC\s?(\d{3,5})(?:\s*(?:§\s*([0-9]+(?:\.[0-9]+)*)|Appendix\s+([A-Z](?:\.[0-9]+)*)))?/.exec(rule);
  if (!m) return null;
  const base = `https://www.rfc-editor.org/rfc/rfc${m[1]}`;
  if (m[2] !== undefined) return `${base}#section-${m[2]}`;
  if (m[3] !== undefined) return `${base}#appendix-${m[3]}`;
  return base;
}
