/** A queue was tapped; `queue` is null for "all queues". */
export type WbQueueSelectEvent = CustomEvent<{ queue: string | null }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'wb-queue-select': WbQueueSelectEvent;
  }
}
