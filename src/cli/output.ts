import { stripVTControlCharacters } from 'node:util';

/** Where and how a command prints: text for people, or one JSON document per line for machines. */
export interface Output {
  /** `--json` was given: print JSON only on stdout. */
  readonly json: boolean;
  /** stdout is a terminal (progress lines may be rewritten in place). */
  readonly tty: boolean;
  /** Colours are on: stdout is a terminal and `NO_COLOR` is not set. */
  readonly color: boolean;
  /** One line of text on stdout. */
  line(text?: string): void;
  /** One JSON value on one stdout line. */
  jsonLine(value: unknown): void;
  /** One line on stderr (notes, logs, errors). */
  note(text: string): void;
  /** Rewrites the current terminal line (only when `tty`). */
  status(text: string): void;
  /** Ends a line started with {@link status}. */
  endStatus(): void;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

/** Colours only for a terminal, and never when `NO_COLOR` is set to a non-empty value (https://no-color.org). */
export function colorEnabled(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

/** The output of one command run. */
export function createOutput(options: { json?: boolean } = {}): Output {
  const stdout = process.stdout;
  const tty = stdout.isTTY === true;
  const color = !options.json && colorEnabled(stdout);
  let statusShown = false;
  const paint = (style: (text: string) => string) => (color ? style : plain);
  return {
    json: options.json === true,
    tty,
    color,
    line(text = '') {
      if (statusShown) this.endStatus();
      stdout.write(`${color ? text : stripVTControlCharacters(text)}\n`);
    },
    jsonLine(value) {
      stdout.write(`${JSON.stringify(value)}\n`);
    },
    note(text) {
      process.stderr.write(`${colorEnabled(process.stderr) ? text : stripVTControlCharacters(text)}\n`);
    },
    status(text) {
      if (!tty) return this.line(text);
      stdout.write(`\r\u001b[2K${text}`);
      statusShown = true;
    },
    endStatus() {
      if (!statusShown) return;
      stdout.write('\n');
      statusShown = false;
    },
    green: paint(sgr(32, 39)),
    red: paint(sgr(31, 39)),
    yellow: paint(sgr(33, 39)),
    dim: paint(sgr(2, 22)),
    bold: paint(sgr(1, 22)),
  };
}

/** `12.3 ms` */
export const formatMs = (ms: number) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;

/** Cuts long text for a terminal line, saying how much was left out. */
export function truncate(text: string, max = 2000): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
