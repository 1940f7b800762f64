/**
 * Vitest global setup: every process a test starts must be gone when the suite ends. At the
 * end it lists the processes whose command line names this checkout and that were not running
 * when the suite began (the runner itself and its parents excluded), kills them, and fails
 * the run naming them. Reads /proc (Linux); elsewhere the check does nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface ProcessInfo {
  pid: number;
  ppid: number;
  command: string;
}

function processes(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      // The parent pid is the 4th field of stat, after the parenthesised command name.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (command !== '') found.push({ pid: Number(entry), ppid, command });
    } catch {
      // Gone while reading: not a leftover.
    }
  }
  return found;
}

/** This process and its ancestors (npm, the shell running vitest). */
function ancestry(all: ProcessInfo[]): Set<number> {
  const byPid = new Map(all.map((info) => [info.pid, info]));
  const chain = new Set<number>();
  for (let pid: number | undefined = process.pid; pid !== undefined && pid > 1 && !chain.has(pid); pid = byPid.get(pid)?.ppid) chain.add(pid);
  return chain;
}

/** Processes of this checkout that the suite started and left running. */
export function leftoverProcesses(before: ReadonlySet<number>): ProcessInfo[] {
  const all = processes();
  const own = ancestry(all);
  return all.filter((info) => !before.has(info.pid) && !own.has(info.pid) && info.command.includes(root));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export default function setup() {
  if (!existsSync('/proc/self/cmdline')) return undefined;
  const before = new Set(processes().map((info) => info.pid));
  return async () => {
    // Workers and servers that are shutting down get a moment to exit.
    let left = leftoverProcesses(before);
    for (let waited = 0; left.length > 0 && waited < 5000; waited += 250) {
      await sleep(250);
      left = leftoverProcesses(before);
    }
    if (left.length === 0) return;
    for (const { pid } of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    throw new Error(
      `Tests left ${left.length} process(es) running (now killed); stop every process a test starts, also when it fails:\n` +
        left.map(({ pid, command }) => `  ${pid} ${command}`).join('\n'),
    );
  };
}
