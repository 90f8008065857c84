import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { DatabaseHealthDto } from './system.dto';

const DEGRADED_AFTER_MS = 250;

/** Probes the database with a real write inside a rolled-back transaction, so a read-only or full disk shows as DOWN. */
@Injectable()
export class DatabaseProbe {
  constructor(private readonly em: EntityManager) {}

  async probe(): Promise<DatabaseHealthDto> {
    const started = performance.now();
    try {
      const em = this.em.fork();
      await em.getConnection().execute('select 1');
      await em
        .transactional(async (tx) => {
          await tx.getConnection().execute('insert into system_settings (id, key, value, created_at, updated_at) values (?, ?, ?, ?, ?)', ['set_probe', '__write_probe__', '{}', Date.now(), Date.now()], 'run', tx.getTransactionContext());
          throw new RollbackProbe();
        })
        .catch((error) => {
          if (!(error instanceof RollbackProbe)) throw error;
        });
      const latencyMs = Math.round(performance.now() - started);
      return { status: latencyMs > DEGRADED_AFTER_MS ? 'DEGRADED' : 'UP', kind: 'sqlite', latencyMs, writable: true };
    } catch {
      return { status: 'DOWN', kind: 'sqlite', latencyMs: Math.round(performance.now() - started), writable: false };
    }
  }
}

class RollbackProbe extends Error {}
