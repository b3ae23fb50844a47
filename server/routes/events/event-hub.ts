import type { EventService } from '../../events/event-service';
import type { StoreMessage } from '../../events/store/sql-engine';
import { eventToJson } from './event-json';

/** One Server-Sent Event as sent to every open stream. */
export interface HubMessage {
  event: 'event' | 'alert' | 'clock';
  data: string;
}

/**
 * Fans store messages out to the open SSE streams of this process: an event change is read once from the store
 * and sent as JSON to every client; alerts and clock changes are passed on as they are.
 */
export interface EventHub {
  subscribe(cb: (m: HubMessage) => void): () => void;
  /** Number of open streams. */
  size(): number;
  close(): void;
}

/** Creates the hub over the service's change feed. */
export function createEventHub(service: EventService): EventHub {
  const clients = new Set<(m: HubMessage) => void>();
  const send = (m: HubMessage) => {
    for (const cb of clients) cb(m);
  };
  const onMessage = async (msg: StoreMessage) => {
    if (msg.type === 'event') {
      const e = await service.store.get(msg.id);
      if (e) send({ event: 'event', data: JSON.stringify(eventToJson(e, service.clock.now())) });
    } else if (msg.type === 'alert') send({ event: 'alert', data: JSON.stringify(msg.alert) });
    else send({ event: 'clock', data: JSON.stringify(msg.clock) });
  };
  const stop = service.subscribe((msg) => {
    onMessage(msg).catch(() => undefined);
  });
  return {
    subscribe(cb) {
      clients.add(cb);
      return () => clients.delete(cb);
    },
    size: () => clients.size,
    close() {
      stop();
      clients.clear();
    },
  };
}
