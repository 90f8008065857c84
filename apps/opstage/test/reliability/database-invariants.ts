import { openNativeSqlite } from '../../src/database/native-sqlite';

/** Writes the server answered 2xx for; each must be in the file afterwards. */
export interface Acknowledged {
  tokens: Set<string>;
  agents: Set<string>;
  created: Set<string>;
  dispatched: Set<string>;
  completed: Set<string>;
}

export function emptyAcknowledged(): Acknowledged {
  return { tokens: new Set(), agents: new Set(), created: new Set(), dispatched: new Set(), completed: new Set() };
}

/**
 * What must hold in an Opstage SQLite file however the process ended: the file passes `integrity_check`, every
 * acknowledged write is there, no command is in an impossible state, and every state change has its audit row.
 * Returns the problems found (empty when sound).
 */
export function databaseProblems(dbFile: string, acked: Acknowledged = emptyAcknowledged()): Record<string, unknown> {
  const db = openNativeSqlite(dbFile);
  try {
    const problems: Record<string, unknown> = {};
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.integrity = integrity;
    const ids = (sql: string) => new Set((db.prepare(sql).all() as Array<{ id: string }>).map((r) => r.id));
    const audited = (action: string) => ids(`select target_id as id from audit_events where action = '${action}'`);
    const report = (name: string, expected: Set<string>, present: Set<string>) => {
      const missing = [...expected].filter((id) => !present.has(id));
      if (missing.length) problems[name] = missing;
    };

    report('acknowledged tokens missing', acked.tokens, ids('select id from registration_tokens'));
    report('acknowledged agents missing', acked.agents, ids('select id from agents'));
    report('acknowledged commands missing', acked.created, ids('select id from commands'));
    report('acknowledged dispatches missing', acked.dispatched, ids(`select id from commands where status <> 'PENDING' and started_at is not null`));
    report('acknowledged results missing', acked.completed, ids(`select c.id from commands c join command_results r on r.command_id = c.id where c.status = 'SUCCEEDED' and c.completed_at is not null`));

    const impossible = db
      .prepare(
        `select c.id, c.status from commands c left join command_results r on r.command_id = c.id where
           (c.status = 'PENDING' and (c.started_at is not null or c.completed_at is not null)) or
           (c.status = 'RUNNING' and (c.started_at is null or c.completed_at is not null)) or
           (c.status in ('SUCCEEDED', 'FAILED') and (c.completed_at is null or r.id is null)) or
           (r.id is not null and c.status not in ('SUCCEEDED', 'FAILED'))`,
      )
      .all();
    if (impossible.length) problems['commands in an impossible state'] = impossible;

    report('commands without command.created audit', ids('select id from commands where retry_of_command_id is null'), audited('command.created'));
    report('dispatches without audit', ids('select id from commands where started_at is not null'), audited('command.dispatched'));
    report('results without audit', ids('select command_id as id from command_results'), new Set([...audited('command.completed'), ...audited('command.failed')]));
    report('agents without agent.registered audit', ids('select id from agents'), audited('agent.registered'));
    report('used tokens without registration_token.consumed audit', ids(`select id from registration_tokens where status = 'USED'`), audited('registration_token.consumed'));
    report('tokens without registration_token.created audit', ids('select id from registration_tokens'), audited('registration_token.created'));
    return problems;
  } finally {
    db.close();
  }
}
