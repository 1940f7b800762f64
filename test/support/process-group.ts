/**
 * Child processes that take their own children with them. `sh -c "hookspec mock …"` (or an
 * npm/npx wrapper) runs the real server as a grandchild: killing the shell leaves it running.
 * A child started here leads its own process group, and stopping it signals the whole group;
 * any group still alive when the test worker exits is killed then, also after a failure.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const running = new Set<number>();

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

process.once('exit', () => {
  for (const pid of running) signalGroup(pid, 'SIGKILL');
});

/** Spawns `command` as the leader of a new process group. */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  const pid = child.pid;
  if (pid !== undefined) {
    running.add(pid);
    child.once('exit', () => {
      // The leader is gone; whatever it started may not be: end the group.
      signalGroup(pid, 'SIGKILL');
      running.delete(pid);
    });
  }
  return child;
}

/** Sends `signal` to the child and every process in its group. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid !== undefined) signalGroup(child.pid, signal);
}
