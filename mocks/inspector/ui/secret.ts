import { h } from './dom.ts';

/** A copy button for a value, announcing the result to screen readers. */
export function copyButton(value: string, label: string): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'small', 'aria-label': `Copy ${label}` }, 'Copy');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(value);
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Copy failed';
    }
    setTimeout(() => (button.textContent = 'Copy'), 1500);
  });
  return button;
}

/** A value shown as `••••` until revealed (test secrets, but still not on screen by default), with copy. */
export function maskedValue(value: string, label: string): HTMLElement {
  const code = h('code', { class: 'masked' }, '••••••••');
  const reveal = h('button', { type: 'button', class: 'small', 'aria-pressed': 'false', 'aria-label': `Reveal ${label}` }, 'Reveal');
  reveal.addEventListener('click', () => {
    const shown = reveal.getAttribute('aria-pressed') !== 'true';
    reveal.setAttribute('aria-pressed', String(shown));
    reveal.textContent = shown ? 'Hide' : 'Reveal';
    code.textContent = shown ? value : '••••••••';
    code.classList.toggle('masked', !shown);
  });
  return h('span', { class: 'value' }, code, reveal, copyButton(value, label));
}

/** A plain value with a copy button. */
export function plainValue(value: string, label: string): HTMLElement {
  return h('span', { class: 'value' }, h('code', {}, value), copyButton(value, label));
}
