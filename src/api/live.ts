// Live updates: every POST that creates or changes events publishes them here, and each open
// /api/stream connection is a subscriber. In-process only: a second server process has its own hub.
import type { StoredEvent } from '../types.ts';

export interface LiveMessage {
  /** increasing per process; sent as the SSE id */
  seq: number;
  change: 'created' | 'updated';
  event: StoredEvent;
}

type Listener = (message: LiveMessage) => void;

export class LiveHub {
  private listeners = new Set<Listener>();
  private seq = 0;

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  publish(change: LiveMessage['change'], event: StoredEvent): void {
    const message: LiveMessage = { seq: ++this.seq, change, event };
    for (const listener of this.listeners) {
      // One broken subscriber must not stop the others from getting the update.
      try {
        listener(message);
      } catch {
        this.listeners.delete(listener);
      }
    }
  }
}
