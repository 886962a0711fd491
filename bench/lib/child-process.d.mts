// Types for child-process.mjs.
import type { ChildProcess } from 'node:child_process';

export function isExecutable(path: string): boolean;
export function stopProcess(child: ChildProcess): Promise<void>;
