// Runs before `npm test`: the browser tests drive Debian's Chromium (test tools cannot download
// their own browsers here). Installs the `chromium` package when it is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from './chromium-path.ts';

function run(command: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  const [cmd, argv] = root ? [command, args] : ['sudo', ['-n', command, ...args]];
  execFileSync(cmd, argv, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

if (existsSync(CHROMIUM_PATH)) {
  process.exit(0);
}
if (spawnSync('apt-get', ['--version']).status !== 0) {
  console.error(`Chromium is not at ${CHROMIUM_PATH} and apt-get is not available; install Chromium and set CHROMIUM_PATH.`);
  process.exit(1);
}
console.log('Installing Debian’s chromium package for the browser tests…');
run('apt-get', ['update', '-qq']);
run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
if (!existsSync(CHROMIUM_PATH)) {
  console.error(`apt-get finished but ${CHROMIUM_PATH} is still missing.`);
  process.exit(1);
}
