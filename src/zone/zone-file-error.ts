// A malformed zone file is reported as `file:line:column: reason`, never as a stack trace.

export class ZoneFileError extends Error {
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column (one column per byte: files are decoded as Latin-1). */
  readonly column: number;
  /** What is wrong, without the position. */
  readonly reason: string;

  constructor(file: string, line: number, column: number, reason: string) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = 'ZoneFileError';
    this.file = file;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

/** A place in a zone file. */
export interface Position {
  file: string;
  line: number;
  column: number;
}

export function zoneError(at: Position, reason: string): ZoneFileError {
  return new ZoneFileError(at.file, at.line, at.column, reason);
}
