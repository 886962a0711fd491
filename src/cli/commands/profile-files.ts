// --profile FILE...: every file's profiles, in order; stream names must differ across the files,
// as they must inside one (a prediction is reported per stream name).
import { readProfileFile } from '../../profile/read-profile-file.js';
import type { SendingProfile } from '../../profile/types.js';
import { UsageError } from '../../model/usage-error.js';

export async function readProfileFiles(files: readonly string[]): Promise<SendingProfile[]> {
  const profiles = (await Promise.all(files.map((f) => readProfileFile(f)))).flat();
  const seen = new Set<string>();
  for (const p of profiles) {
    if (seen.has(p.name)) throw new UsageError(`two profiles are named "${p.name}" across ${files.join(', ')}: stream names must differ`);
    seen.add(p.name);
  }
  return profiles;
}
