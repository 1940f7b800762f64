import type { ComponentIdentifier } from './rfc9421-component-identifier.ts';
import type { ComponentResolver } from './rfc9421-component-values.ts';

/**
 * The part of a `signature_mismatch` message that covers `@target-uri`: the most common cause
 * is a receiver behind a proxy or at another URL than the one the sender signed, and nothing
 * else in the message would show that. Empty when `@target-uri` is not covered.
 */
export function targetUriHint(components: readonly ComponentIdentifier[], resolve: ComponentResolver): string {
  const target = components.find((component) => component.name === '@target-uri');
  if (target === undefined) return '';
  let used: string;
  try {
    used = resolve(target);
  } catch {
    return '';
  }
  return (
    ` It covers @target-uri, verified as ${used}: if the sender addressed another URL (a proxy, TLS termination, a public hostname or path prefix),` +
    ' verify against the URL it used (the publicUrl option of the webhook verifier or handler, --public-url in hookspec verify and listen).'
  );
}
