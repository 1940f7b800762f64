/**
 * A small bounded map, used to cache imported keys and parsed identifiers so that repeated
 * verification with the same secret or key does not import it again. When full, the oldest
 * entry is evicted (insertion order); lookups do not reorder, which keeps hits cheap.
 *
 * @example
 * const cache = new BoundedCache<string, number>(2);
 * cache.set('a', 1);
 * cache.get('a'); // 1
 */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = Math.max(1, Math.floor(capacity));
  }

  /** Number of cached entries. */
  get size(): number {
    return this.#entries.size;
  }

  /** Returns the cached value, if any. */
  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  /** Stores a value, evicting the oldest entry when full. */
  set(key: K, value: V): void {
    // Deleting first moves an existing key to the end (deleting an absent key does nothing).
    this.#entries.delete(key);
    this.#entries.set(key, value);
    // Over capacity means at least two entries, so the first key exists.
    if (this.#entries.size > this.#capacity) this.#entries.delete(this.#entries.keys().next().value as K);
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
