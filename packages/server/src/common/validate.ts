import { LIMITS } from '@chorus/shared';
import { badInput } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A required string: trimmed, not empty, at most `max` characters. */
export function requiredText(field: string, value: string, max: number = LIMITS.nameLength): string {
  const trimmed = value.trim();
  if (!trimmed) throw badInput(field, `${field} must not be empty`);
  if (trimmed.length > max) throw badInput(field, `${field} must be at most ${max} characters`);
  return trimmed;
}

/** An optional string: absent or blank becomes null, otherwise as `requiredText`. */
export function optionalText(
  field: string,
  value: string | null | undefined,
  max: number = LIMITS.nameLength,
): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return requiredText(field, value, max);
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A well-formed id; anything else is refused before it reaches SQL. */
export function id(field: string, value: string): string {
  if (!isUuid(value)) throw badInput(field, `${field} is not a valid id`);
  return value.toLowerCase();
}

export function optionalId(field: string, value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : id(field, value);
}

export function nonNegativeInt(field: string, value: number | null | undefined, max = 10_000_000): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw badInput(field, `${field} must be a whole number from 0 to ${max}`);
  }
  return value;
}

export function email(field: string, value: string): string {
  const trimmed = requiredText(field, value, 254).toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) throw badInput(field, `${field} must be an email address`);
  return trimmed;
}

export function validDate(field: string, value: Date | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (Number.isNaN(value.getTime())) throw badInput(field, `${field} must be an ISO 8601 date-time`);
  return value;
}

/** Refuses a list with the same value twice, naming the list. */
export function distinct<T>(field: string, values: readonly T[]): T[] {
  if (new Set(values).size !== values.length) throw badInput(field, `${field} must not repeat a value`);
  return [...values];
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD, or BAD_USER_INPUT naming `field`. */
export function calendarDay(field: string, value: string): string {
  const trimmed = value.trim();
  const match = DAY.exec(trimmed);
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!day || day.toISOString().slice(0, 10) !== trimmed) {
    throw badInput(field, `${field} must be a calendar date written YYYY-MM-DD`);
  }
  return trimmed;
}
