import { DeliveryError } from './errors.ts';
import type { DeliveryErrorCode } from './errors.ts';

/** Largest delay `setTimeout` honours; longer values fire immediately. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Small assertion helpers shared by option and delivery validation. Each throws a
 * {@link DeliveryError} with the given code and a message naming the field.
 */
export function integerInRange(code: DeliveryErrorCode, field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new DeliveryError(code, `${field} must be an integer between ${min} and ${max}, got ${describe(value)}`);
  }
  return value;
}

export function numberInRange(code: DeliveryErrorCode, field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new DeliveryError(code, `${field} must be a number between ${min} and ${max}, got ${describe(value)}`);
  }
  return value;
}

export function optionalFunction<T>(code: DeliveryErrorCode, field: string, value: unknown): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') {
    throw new DeliveryError(code, `${field} must be a function, got ${describe(value)}`);
  }
  return value as T;
}

export function stringRecord(code: DeliveryErrorCode, field: string, value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DeliveryError(code, `${field} must be an object of strings, got ${describe(value)}`);
  }
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      throw new DeliveryError(code, `${field}.${key} must be a string, got ${describe(v)}`);
    }
    out[key] = v;
  }
  return out;
}

export function plainObject(code: DeliveryErrorCode, field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DeliveryError(code, `${field} must be an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Rejects unknown keys so a misspelt option fails loudly instead of being ignored. */
export function onlyKnownKeys(code: DeliveryErrorCode, field: string, value: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new DeliveryError(code, `${field} has unknown key "${key}" (known: ${known.join(', ')})`);
    }
  }
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
