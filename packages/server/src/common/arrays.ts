/** `items[index]`, for an index the caller knows is in range: a miss is a bug, so it throws. */
export function at<T>(items: readonly T[], index: number): T {
  if (index < 0 || index >= items.length) throw new Error(`index ${index} is outside a list of ${items.length}`);
  return items[index] as T;
}
