import { readdirSync } from 'node:fs';
import type { MikroORM } from '@mikro-orm/sqlite';

/** Any MikroORM instance, whatever its entity list type. */
type Orm = Pick<MikroORM, 'migrator' | 'config'>;

export interface MigrationStatus {
  /** Applied migrations this version knows. */
  applied: string[];
  /** Migrations this version ships that the database has not applied yet. */
  pending: string[];
  /** Applied migrations this version does not ship: the database comes from a newer Opstage. */
  unknown: string[];
}

const withoutExtension = (name: string) => name.replace(/\.[jt]s$/, '');

/** The committed migrations this build ships (compiled `.js` when running from dist, `.ts` from source). */
export function shippedMigrations(orm: Orm): string[] {
  const dir = orm.config.get('migrations').path as string;
  const names = readdirSync(dir).filter((file) => /^Migration\w+\.[jt]s$/.test(file) && !file.endsWith('.d.ts'));
  return [...new Set(names.map(withoutExtension))].sort();
}

/** What the database has applied compared with what this build ships. */
export async function migrationStatus(orm: Orm): Promise<MigrationStatus> {
  const executed = new Set((await orm.migrator.getExecuted()).map((m) => withoutExtension(m.name)));
  const shipped = shippedMigrations(orm);
  return {
    applied: shipped.filter((name) => executed.has(name)),
    pending: shipped.filter((name) => !executed.has(name)),
    unknown: [...executed].filter((name) => !shipped.includes(name)).sort(),
  };
}
