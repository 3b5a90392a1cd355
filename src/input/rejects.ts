// The rejects log: one JSON line per input problem, {time, file, line, reason, fatal}, appended so that a
// re-run never loses the record of an earlier one. `fatal: false` marks a warning: the article was still read
// (e.g. it has no publication date).
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { InputMessage } from '../types.ts';

export class RejectsLog {
  /** Number of messages written so far. */
  count = 0;
  private stream: WriteStream | null = null;
  private error: Error | null = null;

  constructor(readonly path: string) {}

  /** Appends a message. The file (and its folder) is created on the first write, so a clean run leaves none. */
  write(m: InputMessage): void {
    if (this.stream === null) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.stream = createWriteStream(this.path, { flags: 'a', encoding: 'utf8' });
      this.stream.on('error', (e) => {
        this.error ??= e;
      });
    }
    const line = {
      time: new Date().toISOString(),
      file: m.file,
      line: m.line,
      reason: m.reason,
      fatal: m.fatal,
    };
    this.stream.write(`${JSON.stringify(line)}\n`);
    this.count++;
  }

  /** Flushes and closes the file; rejects if any write failed. */
  close(): Promise<void> {
    const stream = this.stream;
    this.stream = null;
    return new Promise((resolve, reject) => {
      const done = (): void => (this.error ? reject(this.error) : resolve());
      if (stream === null) return done();
      stream.end(done);
    });
  }
}
