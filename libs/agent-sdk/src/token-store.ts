import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** What the agent keeps between restarts. The registration token is never stored. */
export interface StoredAgentToken {
  agentId: string;
  agentToken: string;
  backendUrl: string;
  savedAt: string;
}

/** The agent token in a JSON file readable only by its owner (mode 0600), written atomically. */
export class FileTokenStore {
  constructor(
    readonly file: string,
    private readonly warn: (message: string, meta?: Record<string, unknown>) => void = () => {},
  ) {}

  /** The stored token, or undefined when the file is missing or unreadable (a corrupt file is reported, not fatal). */
  load(): StoredAgentToken | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.warn('agent token file unreadable', { file: this.file, error: String(error) });
      return undefined;
    }
    try {
      const parsed = JSON.parse(text) as Partial<StoredAgentToken>;
      if (typeof parsed.agentId === 'string' && typeof parsed.agentToken === 'string' && parsed.agentToken.startsWith('opstage_agent_')) {
        return { agentId: parsed.agentId, agentToken: parsed.agentToken, backendUrl: String(parsed.backendUrl ?? ''), savedAt: String(parsed.savedAt ?? '') };
      }
    } catch {
      /* reported below */
    }
    this.warn('agent token file is corrupt; ignoring it', { file: this.file });
    return undefined;
  }

  save(token: Omit<StoredAgentToken, 'savedAt'>, now = new Date()): StoredAgentToken {
    const stored: StoredAgentToken = { ...token, savedAt: now.toISOString() };
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600); // the mode above is masked by the umask
    renameSync(temporary, this.file);
    return stored;
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}
