import { Injectable } from '@nestjs/common';

const TTL_MS = 5 * 60 * 1000;

/**
 * ADR-0001: a `generatedKey` returned by an action is kept only here, in process memory, for five minutes, and handed
 * out once (the stored result holds `[REDACTED]`). Lost on restart by design.
 */
@Injectable()
export class EphemeralSecretStore {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  stash(commandId: string, value: string, now = Date.now()): void {
    this.prune(now);
    this.entries.set(commandId, { value, expiresAt: now + TTL_MS });
  }

  /** Returns the secret and forgets it; undefined when absent or expired. */
  take(commandId: string, now = Date.now()): string | undefined {
    this.prune(now);
    const entry = this.entries.get(commandId);
    if (!entry) return undefined;
    this.entries.delete(commandId);
    return entry.value;
  }

  has(commandId: string, now = Date.now()): boolean {
    this.prune(now);
    return this.entries.has(commandId);
  }

  private prune(now: number): void {
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
  }
}
