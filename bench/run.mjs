// `npm run bench`: runs every bench/*.bench.mjs (each exports `async run()` and prints its own
// lines: rates and ratios against peers measured in the same run). Timing lives here, never in tests.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(here)).filter((f) => f.endsWith('.bench.mjs')).sort();
for (const file of files) {
  const name = file.replace(/\.bench\.mjs$/, '');
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n## ${name}`);
  const mod = await import(join(here, file));
  await mod.run();
}
