// A small server-sent-events reader over a fetch body, for tests: one reader for the whole stream, so that
// messages can be awaited step by step (ready, then what a POST caused).
export interface SseMessage {
  event: string;
  data: string;
  id: string | null;
}

export class SseReader {
  private reader: ReadableStreamDefaultReader<Uint8Array>;
  private decoder = new TextDecoder();
  private buffer = '';
  private queue: SseMessage[] = [];
  readonly seen: SseMessage[] = [];

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** Waits for the first message `until` accepts; null when the stream ends or the time is up. */
  async next(until: (m: SseMessage) => boolean, timeoutMs: number): Promise<SseMessage | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.queue.length) {
        const m = this.queue.shift()!;
        if (until(m)) return m;
      }
      const left = deadline - Date.now();
      if (left <= 0) return null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const chunk = await Promise.race([
        this.reader.read(),
        new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), left);
        }),
      ]);
      clearTimeout(timer);
      if (!chunk || chunk.done) return null;
      this.push(this.decoder.decode(chunk.value, { stream: true }));
    }
  }

  private push(text: string): void {
    this.buffer += text;
    let end = this.buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      end = this.buffer.indexOf('\n\n');
      // Lines starting with ':' are comments (the server's keep-alive pings).
      const lines = block.split('\n').filter((l) => l && !l.startsWith(':'));
      if (lines.length === 0) continue;
      const m: SseMessage = { event: 'message', data: '', id: null };
      for (const line of lines) {
        const colon = line.indexOf(':');
        const key = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (key === 'event') m.event = value;
        else if (key === 'data') m.data += m.data ? `\n${value}` : value;
        else if (key === 'id') m.id = value;
      }
      this.queue.push(m);
      this.seen.push(m);
    }
  }

  close(): void {
    void this.reader.cancel().catch(() => {});
  }
}
