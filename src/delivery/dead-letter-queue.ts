/**
 * Ids of dead-lettered deliveries in the order they were dead-lettered. The
 * records themselves live in the delivery log; this only keeps the order and
 * answers "is it in the queue" in O(1).
 *
 * @example
 * const dlq = new DeadLetterQueue();
 * dlq.add('d1');
 * [...dlq.ids()]; // ['d1']
 */
export class DeadLetterQueue {
  readonly #ids = new Set<string>();

  get size(): number {
    return this.#ids.size;
  }

  add(id: string): void {
    // Re-adding moves it to the end: a redelivered-then-failed-again delivery is the newest dead letter.
    this.#ids.delete(id);
    this.#ids.add(id);
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  delete(id: string): boolean {
    return this.#ids.delete(id);
  }

  ids(): IterableIterator<string> {
    return this.#ids.values();
  }
}
