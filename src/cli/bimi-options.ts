// --bimi-selector and --bimi-roots, as `bimi` and `audit` read them: a selector is a name (exit 2
// otherwise), the roots a PEM file of certificates (exit 2 naming the file otherwise).
import { nameArgument } from './domain-argument.js';
import { readPemCertificatesFile } from './transport-access.js';

export interface BimiCliOptions {
  selector?: string;
  roots: string | null;
}

export function bimiOptions(options: Record<string, unknown>): BimiCliOptions {
  const selector = typeof options['bimiSelector'] === 'string' ? nameArgument(options['bimiSelector'], 'BIMI selector') : undefined;
  const roots = typeof options['bimiRoots'] === 'string' ? readPemCertificatesFile('--bimi-roots', options['bimiRoots']) : null;
  return selector === undefined ? { roots } : { selector, roots };
}
