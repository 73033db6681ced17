import { LABELS } from '@chorus/shared';

export { LABELS };

type Option = { value: string; label: string };

/** A form field's string back as the enum value it names, or null when it names none. */
export function enumValue<E extends string>(values: Record<string, E>, value: string): E | null {
  return (Object.values(values) as string[]).includes(value) ? (value as E) : null;
}
const optionLists = new Map<keyof typeof LABELS, Option[]>();

/**
 * Select options for an enum, in declaration order. The same array every time: Mantine's Select
 * drops the option a keyboard user has highlighted whenever its data changes identity.
 */
export function options<K extends keyof typeof LABELS>(kind: K): Option[] {
  let list = optionLists.get(kind);
  if (!list) {
    list = Object.entries(LABELS[kind]).map(([value, label]) => ({ value, label }));
    optionLists.set(kind, list);
  }
  return list;
}

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});
const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' });

/** What a partner sees in place of a flagged response's words it did not submit. */
export const WITHHELD_TEXT =
  'Withheld: a safeguarding flag is on this response, and only the organisation that submitted it sees its words.';

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatDate = (iso: string) => date.format(new Date(iso));
