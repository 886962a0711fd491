// Helpers for DNS names as authaudit passes them around: no trailing dot, compared case-insensitively.

/** The comparison key for a name: ASCII-lowercased, trailing dot removed. */
export function nameKey(name: string): string {
  const trimmed = name.endsWith('.') && name !== '.' ? name.slice(0, -1) : name === '.' ? '' : name;
  // most names are already keys: scan before building a new string (this runs for every question)
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed.charCodeAt(i);
    if (c >= 65 && c <= 90) return trimmed.replace(/[A-Z]/g, (u) => u.toLowerCase());
  }
  return trimmed;
}

export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/**
 * Labels of a name, left to right ('' is the root and has none), lowercased, each in text form
 * (an escaped '.' stays inside its label, so `labels(n).slice(i).join('.')` is a parent of n).
 */
export function labels(name: string): string[] {
  const key = nameKey(name);
  return key === '' ? [] : splitAtSeparators(key, 'keep');
}

/**
 * A name split at the '.'s that separate labels (an escaped '.' does not), left to right; the part
 * after the last '.' is always a label. Each escape is kept as written or stands for its character.
 */
export function splitAtSeparators(name: string, escapes: 'keep' | 'drop'): string[] {
  const out: string[] = [];
  let label = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (c === '\\' && i + 1 < name.length) {
      label += escapes === 'keep' ? c + name[i + 1]! : name[i + 1]!;
      i++;
    } else if (c === '.') {
      out.push(label);
      label = '';
    } else {
      label += c;
    }
  }
  out.push(label);
  return out;
}

/** True when `name` equals `zone` or lies below it. */
export function isAtOrBelow(name: string, zone: string): boolean {
  const n = nameKey(name);
  const z = nameKey(zone);
  if (z === '' || n === z) return true;
  if (!n.endsWith(`.${z}`)) return false;
  // The '.' before the zone must separate labels: `a\.example.test` is the labels `a.example` and
  // `test`, not below example.test. It does when an even number of backslashes precede it.
  let backslashes = 0;
  for (let i = n.length - z.length - 2; i >= 0 && n[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}
