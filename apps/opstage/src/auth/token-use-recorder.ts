import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { CoalescedWrites } from '../database/coalesced-writes';

/** How long a token's last use may wait in memory before it is written. */
const TOKEN_USE_FLUSH_MS = 1_000;

/**
 * `agent_tokens.last_used_at`, written together once a second: informational soft state, like a plain heartbeat's
 * timestamp. One autocommit write per token (at most every 30 s, AgentTokenAuthenticator) cost a fleet of 10,000
 * agents 333 commits a second, and doubled the work of every agent's first request after a restart. The newest time
 * wins; pending uses are written before the server stops, a crash loses at most one second of them.
 */
@Injectable()
export class TokenUseRecorder implements BeforeApplicationShutdown {
  private readonly writes = new CoalescedWrites<number>({
    name: 'TokenUseRecorder',
    everyMs: TOKEN_USE_FLUSH_MS,
    writeChunk: (chunk) => this.writeChunk(chunk),
  });

  constructor(private readonly em: EntityManager) {}

  used(tokenId: string, at: number): void {
    this.writes.set(tokenId, at);
  }

  flush(): Promise<void> {
    return this.writes.flush();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private async writeChunk(chunk: Array<[string, number]>): Promise<void> {
    await this.em.getConnection().execute(
      `update agent_tokens set last_used_at = max(coalesce(agent_tokens.last_used_at, 0), uses.at)
        from (select column1 as id, column2 as at from (values ${chunk.map(() => '(?, ?)').join(', ')})) as uses
        where agent_tokens.id = uses.id`,
      chunk.flat(),
      'run',
    );
  }
}
