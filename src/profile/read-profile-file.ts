// The JSON profile file (fixtures/demo/profiles.json is an example): strict JSON, read whole, every
// problem reported as `file:line:column: $.json.path: message`.
import { readFile } from 'node:fs/promises';
import { readJson } from '../model/json-source.js';
import { jsonSyntaxProblem, placeJsonIssues } from '../model/json-problems.js';
import { fileErrorReason } from '../zone/file-source.js';
import { ProfileReader } from './validate-profile.js';
import { ProfileError, type SendingProfile } from './types.js';

/** Parse profile file text; `file` is the name shown in messages. Throws ProfileError. */
export function parseProfileText(text: string, file: string): SendingProfile[] {
  const read = readJson(text);
  if (!read.ok) {
    const problem = jsonSyntaxProblem(text, file, read.offset, read.message);
    throw new ProfileError(problem, [problem]);
  }
  const reader = new ProfileReader();
  const profiles = reader.document(read.source.value);
  if (reader.issues.length > 0) {
    const problems = placeJsonIssues(text, read.source, file, reader.issues);
    throw new ProfileError(problems.length === 1 ? (problems[0] as string) : `${problems.length} problems in ${file}:\n${problems.join('\n')}`, problems);
  }
  return profiles;
}

/** Read and parse a profile file. Throws ProfileError naming the file (unreadable or bad content). */
export async function readProfileFile(path: string, shown: string = path): Promise<SendingProfile[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const problem = `${shown}: cannot read the profile file: ${fileErrorReason(err)}`;
    throw new ProfileError(problem, [problem]);
  }
  return parseProfileText(text, shown);
}
