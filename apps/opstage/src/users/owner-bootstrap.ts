import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { AuditRecorder, SYSTEM_ACTOR } from '../audit/audit-recorder';
import { PasswordHasher } from '../auth/password-hasher';
import { OpstageConfig } from '../config/opstage-config';
import { newId } from '../ids/new-id';
import { User } from './user.entity';

function printOnce(username: string, password: string): void {
  process.stdout.write(
    [
      '',
      '================ Opstage bootstrap owner ================',
      `  username: ${username}`,
      `  password: ${password}`,
      '  This password is shown once. Change it after logging in.',
      '=========================================================',
      '',
    ].join('\n'),
  );
}

/** Creates the first owner when there are no users: from the env, or with a generated password printed once. */
@Injectable()
export class OwnerBootstrap {
  constructor(
    private readonly em: EntityManager,
    private readonly config: OpstageConfig,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditRecorder,
  ) {}

  async ensureOwner(onGeneratedPassword: (username: string, password: string) => void = printOnce): Promise<User | null> {
    const em = this.em.fork();
    if ((await em.count(User, {})) > 0) return null;
    const generated = !this.config.adminPassword;
    const password = this.config.adminPassword ?? randomBytes(18).toString('base64url');
    const passwordHash = await this.hasher.hash(password);
    const user = await em.transactional(async (tx) => {
      const owner = tx.create(User, { id: newId('usr'), username: this.config.adminUsername, passwordHash, displayName: 'Administrator', role: 'owner', passwordChangedAt: new Date() });
      this.audit.record(tx, { ...SYSTEM_ACTOR, action: 'system.bootstrap.completed', targetType: 'User', targetId: owner.id, metadata: { username: owner.username, origin: generated ? 'generated' : 'environment' } });
      return owner;
    });
    if (generated) onGeneratedPassword(user.username, password);
    return user;
  }
}
