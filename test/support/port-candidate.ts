/**
 * For the servers that cannot bind port 0 and say which port they got: redis-server (port 0
 * turns its TCP off) and the Next.js app (it must be told its own public URL before it starts).
 * They are given a port to bind and started again on another one when it is in use.
 *
 * The port is drawn from below the range every OS hands out for port-0 binds (Linux 32768–60999,
 * macOS and Windows 49152–65535), so the servers the other tests start on port 0 never take it;
 * only a process that names the very same port can, and then the start fails with EADDRINUSE and
 * is retried. (A port freed just before, as a closed port-0 listener leaves, is in that range and
 * can be handed to any other test's server in between.)
 */
import { randomInt } from 'node:crypto';

export const CANDIDATE_PORTS = { from: 20_000, to: 32_000 } as const;

/** A random port in {@link CANDIDATE_PORTS}. */
export function portCandidate(): number {
  return randomInt(CANDIDATE_PORTS.from, CANDIDATE_PORTS.to);
}

const ADDRESS_IN_USE = /EADDRINUSE|address already in use/i;

/** `start(port)` on a candidate port, on another one while the failure says the port is in use: at most `tries` times. */
export async function startOnCandidatePort<T>(start: (port: number) => Promise<T>, tries = 10): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start(portCandidate());
    } catch (error) {
      if (attempt >= tries || !ADDRESS_IN_USE.test(String(error))) throw error;
    }
  }
}
