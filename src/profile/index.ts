// Sending profiles: the model, the JSON profile file reader, and the command-line form.
export { ProfileError, type DkimSigner, type SendingProfile } from './types.js';
export { ProfileReader, readDkimPair, readMailbox, PROFILE_KEYS, type ProfileIssue } from './validate-profile.js';
export { parseProfileText, readProfileFile } from './read-profile-file.js';
export { profileFromOptions, type ProfileOptions } from './from-options.js';
