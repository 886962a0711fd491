// Helpers for DNS names as authaudit passes them around: no trailing dot, compared case-insensitively.

/** The comparison key for a name: ASCII-lowercased, trailing dot removed. */
export function nameKey(name: string): string {
  const trimmed = name.endsWith('.') && name !== '.' ? name.slice(0, -1) : name === '.' ? '' : name;
  return trimmed.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** Labels of a name, left to right ('' is the root and has none). */
export function labels(name: string): string[] {
  const key = nameKey(name);
  return key === '' ? [] : key.split('.');
}

/** True when `name` equals `zone` or lies below it. */
export function isAtOrBelow(name: string, zone: string): boolean {
  const n = nameKey(name);
  const z = nameKey(zone);
  return z === '' || n === z || n.endsWith(`.${z}`);
}
