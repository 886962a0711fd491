// The bytes of a bounce as text, or a clear error: nothing to read, or not text at all.
import { UsageError } from '../model/usage-error.js';

/** Bad bounce input (exit 2). */
export class BounceInputError extends UsageError {
  override name = 'BounceInputError';
}

/** UTF-8 (Latin-1 when it is not UTF-8); throws BounceInputError on empty or binary input. */
export function bounceText(bytes: Uint8Array, label: string): string {
  if (bytes.length === 0 || /^\s*$/.test(Buffer.from(bytes.subarray(0, 4096)).toString('latin1')) && Buffer.from(bytes).toString('latin1').trim() === '') {
    throw new BounceInputError(`${label}: empty input: give a bounce (a DSN, an NDR) or the SMTP reply lines`);
  }
  const sample = bytes.subarray(0, 65536);
  let control = 0;
  for (const b of sample) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b)) control++;
  if (sample.includes(0) || control / sample.length > 0.05) {
    throw new BounceInputError(`${label}: not text (binary data): give a bounce (a DSN, an NDR) or the SMTP reply lines`);
  }
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const broken = (utf8.match(/\uFFFD/g) ?? []).length;
  // text that is not UTF-8 is most likely Latin-1 (old MTAs); mostly undecodable bytes are not text
  if (broken > 0) {
    if (broken / utf8.length > 0.3) throw new BounceInputError(`${label}: not text (binary data): give a bounce (a DSN, an NDR) or the SMTP reply lines`);
    return Buffer.from(bytes).toString('latin1');
  }
  return utf8;
}
