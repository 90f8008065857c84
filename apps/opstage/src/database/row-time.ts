/**
 * A datetime column read with plain SQL, as epoch milliseconds. MikroORM writes epoch milliseconds (returned as a
 * number, or a bigint when the statement reads safe integers); rows written by other tools may hold ISO text.
 */
export function rowMillis(value: number | bigint | string): number {
  return typeof value === 'string' ? Date.parse(value) : Number(value);
}

/** {@link rowMillis} as a `Date`, null staying null. */
export function rowDate(value: number | bigint | string | null): Date | null {
  return value === null ? null : new Date(rowMillis(value));
}
