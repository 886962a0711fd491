// Reports from the network and from zone files, made comparable: what only zone files can tell
// (the file and line a record came from, the `line N: ` a message puts before a record it quotes,
// and which DKIM selectors the files hold), the run's cache counts, whether the run was offline and
// the commands fixes suggest (they carry the run's own --zone or --resolver)
// are dropped; the rest must match.

const LOCAL_ONLY = ['command', 'file', 'line', 'source', 'sources', 'recordSources', 'stats', 'offline', 'selectorsFromZone', 'inZoneFiles'];

export function withoutSources(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSources);
  if (typeof value === 'string') return value.replace(/\bline \d+: /g, '');
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!LOCAL_ONLY.includes(k)) out[k] = withoutSources(v);
  return out;
}
