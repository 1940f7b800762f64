// Runs before `npm test`: the replay-store tests start a real Redis (test/support/redis-server.ts).
// Installs Debian's `redis-server` package when it is missing; the tests start it themselves on a
// free port, so the package's own service is neither needed nor started here.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { REDIS_SERVER_PATH } from './redis-server-path.ts';

function run(command: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  const [cmd, argv] = root ? [command, args] : ['sudo', ['-n', command, ...args]];
  execFileSync(cmd, argv, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

if (existsSync(REDIS_SERVER_PATH)) {
  process.exit(0);
}
if (spawnSync('apt-get', ['--version']).status !== 0) {
  console.error(`redis-server is not at ${REDIS_SERVER_PATH} and apt-get is not available; install Redis and set REDIS_SERVER_PATH.`);
  process.exit(1);
}
console.log('Installing Debian’s redis-server package for the replay-store tests…');
run('apt-get', ['update', '-qq']);
run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server']);
if (!existsSync(REDIS_SERVER_PATH)) {
  console.error(`apt-get finished but ${REDIS_SERVER_PATH} is still missing.`);
  process.exit(1);
}
