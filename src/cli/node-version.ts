/**
 * The Node.js version check of the `hookspec` launcher. It runs before anything modern is
 * loaded, so this file uses nothing newer than what Node 12 parses and links: on an old Node
 * the user gets one line naming the version to install, not a SyntaxError from a later import.
 */

/** The oldest supported Node.js: the `engines.node` range of package.json (a test keeps them equal). */
export const MINIMUM_NODE_VERSION = '22.12.0';

const parts = (version: string) =>
  version
    .replace(/^v/, '')
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);

/** True when `version` (`process.versions.node` form) is at least `minimum`. */
export function isSupportedNode(version: string, minimum = MINIMUM_NODE_VERSION): boolean {
  const have = parts(version);
  const need = parts(minimum);
  for (let index = 0; index < 3; index += 1) {
    const a = have[index] ?? 0;
    const b = need[index] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/** The one line printed on an unsupported Node.js. */
export function unsupportedNodeMessage(version: string): string {
  return `hookspec: Node.js ${MINIMUM_NODE_VERSION} or newer is required (package.json engines: >=22.12); this is Node.js ${version}. Install a current Node.js LTS and run it again.\n`;
}
