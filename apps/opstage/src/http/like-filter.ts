import { raw } from '@mikro-orm/core';

/** Escapes `\`, `%` and `_` so user text matches literally inside a LIKE pattern (used with `ESCAPE '\'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column LIKE ? ESCAPE '\'` as a MikroORM filter condition on a SQL column name. SQLite (and PostgreSQL) have no
 * default LIKE escape character, so the ESCAPE clause is what makes `escapeLike` work.
 */
function like(column: string, pattern: string): Record<string, unknown> {
  return { [raw((alias: string) => `${alias}.${column} like ? escape '\\'`, [pattern])]: [] };
}

/** Any of the columns contains `text` literally (search boxes: `q`). */
export function containsText(columns: string[], text: string): Record<string, unknown> {
  const pattern = `%${escapeLike(text)}%`;
  return { $or: columns.map((column) => like(column, pattern)) };
}

/** The column starts with `text` literally (prefix filters such as `actionPrefix`). */
export function startsWithText(column: string, text: string): Record<string, unknown> {
  return like(column, `${escapeLike(text)}%`);
}
