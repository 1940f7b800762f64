import { describe, expect, it } from 'vitest';

import { BoundedCache } from '../../src/signatures/bounded-cache.ts';

const contents = (cache: BoundedCache<string, number>, keys: readonly string[]) => keys.map((key) => cache.get(key));

describe('BoundedCache', () => {
  it('holds up to its capacity and evicts the oldest entry beyond it', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.size).toBe(2);
    expect(contents(cache, ['a', 'b'])).toEqual([1, 2]);
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(contents(cache, ['a', 'b', 'c'])).toEqual([undefined, 2, 3]);
  });

  it('setting an existing key replaces its value and makes it the newest', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    expect(cache.size).toBe(2);
    cache.set('c', 3);
    expect(contents(cache, ['a', 'b', 'c'])).toEqual([10, undefined, 3]);
  });

  it('lookups do not reorder', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(contents(cache, ['a', 'b', 'c'])).toEqual([undefined, 2, 3]);
  });

  it('a capacity below one holds one entry; a fractional capacity is rounded down', () => {
    const zero = new BoundedCache<string, number>(0);
    zero.set('a', 1);
    expect(zero.size).toBe(1);
    zero.set('b', 2);
    expect(zero.size).toBe(1);
    expect(contents(zero, ['a', 'b'])).toEqual([undefined, 2]);
    const fractional = new BoundedCache<string, number>(2.9);
    for (const [index, key] of ['a', 'b', 'c'].entries()) fractional.set(key, index);
    expect(fractional.size).toBe(2);
    expect(contents(fractional, ['a', 'b', 'c'])).toEqual([undefined, 1, 2]);
  });

  it('delete removes one entry, clear removes all', () => {
    const cache = new BoundedCache<string, number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    cache.delete('b');
    expect(cache.size).toBe(2);
    expect(contents(cache, ['a', 'b', 'c'])).toEqual([1, undefined, 3]);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(contents(cache, ['a', 'c'])).toEqual([undefined, undefined]);
  });
});
