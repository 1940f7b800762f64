import { mkdirSync, rmdirSync, rmSync, statSync } from 'node:fs';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` while holding a lock directory; a lock older than `staleMs` belongs to a run that died. */
export async function withLock<T>(lock: string, staleMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > staleMs) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lock}.`);
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmdirSync(lock);
  }
}
