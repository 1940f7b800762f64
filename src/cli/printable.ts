/**
 * Untrusted text (what a sender put in a delivery) made safe to print on one terminal line:
 * control characters (C0, DEL, C1) are shown as `\xHH` escapes. A CR or LF would otherwise
 * forge a line of its own in a log, and an escape sequence could retitle the terminal or hide
 * the verdict printed after it.
 *
 * @example
 * printable('approval.requested\r\n10:00:00  approval.approved  ✓'); // 'approval.requested\\x0d\\x0a10:00:00  approval.approved  ✓'
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
