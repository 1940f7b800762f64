/**
 * A small least-recently-used map, used to cache imported keys so that repeated
 * verification with the same secret or key does not import it again.
 *
 * @example
 * const cache = new LruCache<string, number>(2);
 * cache.set('a', 1);
 * cache.get('a'); // 1
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = Math.max(1, Math.floor(capacity));
  }

  /** Number of cached entries. */
  get size(): number {
    return this.#entries.size;
  }

  /** Returns the cached value and marks it as recently used. */
  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    if (this.#entries.size > 1) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  /** Stores a value, evicting the least recently used entry when full. */
  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }

  /** Removes one entry. */
  delete(key: K): void {
    this.#entries.delete(key);
  }

  /** Removes every entry. */
  clear(): void {
    this.#entries.clear();
  }
}
