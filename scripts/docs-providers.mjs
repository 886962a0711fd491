// npm run docs:providers: write the generated section of docs/providers.md from the provider
// registry (src/providers/registry.ts, built into dist/). test/providers/registry-doc.test.ts fails
// when the file is not what this script writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderProviderRegistryMarkdown, withGeneratedSection } from '../dist/providers/render-markdown.js';

const file = fileURLToPath(new URL('../docs/providers.md', import.meta.url));
const before = readFileSync(file, 'utf8');
const after = withGeneratedSection(before, renderProviderRegistryMarkdown());
if (after !== before) writeFileSync(file, after);
process.stdout.write(`${after === before ? 'unchanged' : 'wrote'} docs/providers.md\n`);
