import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { TOKEN_PREFIXES } from '../../../../libs/contracts/src';
import { AuditActor, AuditRecorder } from '../audit/audit-recorder';
import { newRawToken, sha256Hex } from '../crypto/secret-tokens';
import { ApiError } from '../http/api-error';
import { Paginated } from '../http/paginated';
import { findPage } from '../http/find-page';
import { newId } from '../ids/new-id';
import { CreatedRegistrationTokenDto, CreateRegistrationTokenDto, ListRegistrationTokensQueryDto, RegistrationTokenDto } from './dto/registration-token.dto';
import { RegistrationToken } from './registration-token.entity';

const SORTABLE = { createdAt: 'createdAt', expiresAt: 'expiresAt', name: 'name' };

@Injectable()
export class RegistrationTokensService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditRecorder,
  ) {}

  async create(actor: AuditActor, body: CreateRegistrationTokenDto): Promise<CreatedRegistrationTokenDto> {
    const rawToken = newRawToken(TOKEN_PREFIXES.registration);
    const now = new Date();
    const token = await this.em.transactional(async (tx) => {
      const created = tx.create(RegistrationToken, {
        id: newId('tok', now.getTime()),
        name: body.name ?? 'Default registration token',
        tokenHash: sha256Hex(rawToken),
        createdByUserId: actor.actorType === 'USER' ? actor.actorId : null,
        expiresAt: body.expiresInSeconds ? new Date(now.getTime() + body.expiresInSeconds * 1000) : null,
        createdAt: now,
        updatedAt: now,
      });
      this.audit.record(tx, { ...actor, action: 'registration_token.created', targetType: 'RegistrationToken', targetId: created.id, metadata: { name: created.name, expiresAt: created.expiresAt?.toISOString() ?? null } });
      return created;
    });
    return { ...RegistrationTokenDto.from(token), rawToken, token: rawToken };
  }

  async list(query: ListRegistrationTokensQueryDto): Promise<Paginated<RegistrationTokenDto>> {
    const where = query.status?.length ? { status: { $in: query.status } } : {};
    const { rows, pagination } = await findPage(this.em, RegistrationToken, where, query, { allowed: SORTABLE, fallback: '-createdAt' });
    return new Paginated(rows.map(RegistrationTokenDto.from), pagination);
  }

  /** ACTIVE → REVOKED only: a USED, EXPIRED or already REVOKED token stays as it is (409). */
  async revoke(actorId: string, tokenId: string): Promise<RegistrationTokenDto> {
    const token = await this.em.transactional(async (tx) => {
      const now = new Date();
      const changed = await tx.nativeUpdate(RegistrationToken, { id: tokenId, status: 'ACTIVE' }, { status: 'REVOKED', revokedAt: now, updatedAt: now });
      const current = await tx.findOne(RegistrationToken, { id: tokenId });
      if (!current) throw new ApiError('REGISTRATION_TOKEN_NOT_FOUND', 'Registration token not found.');
      if (!changed) throw new ApiError('CONFLICT', `Registration token is ${current.status}; only an ACTIVE token can be revoked.`, { status: current.status });
      this.audit.record(tx, { actorType: 'USER', actorId, action: 'registration_token.revoked', targetType: 'RegistrationToken', targetId: tokenId, metadata: { name: current.name } });
      return current;
    });
    return RegistrationTokenDto.from(token);
  }

  async remove(actorId: string, tokenId: string): Promise<RegistrationTokenDto> {
    const token = await this.em.transactional(async (tx) => {
      const current = await tx.findOne(RegistrationToken, { id: tokenId });
      if (!current) throw new ApiError('REGISTRATION_TOKEN_NOT_FOUND', 'Registration token not found.');
      if (current.status !== 'EXPIRED' && current.status !== 'REVOKED') {
        throw new ApiError('REGISTRATION_TOKEN_NOT_DELETABLE', 'Only an EXPIRED or REVOKED registration token can be deleted.', { status: current.status });
      }
      await tx.nativeDelete(RegistrationToken, { id: tokenId });
      this.audit.record(tx, { actorType: 'USER', actorId, action: 'registration_token.deleted', targetType: 'RegistrationToken', targetId: tokenId, metadata: { name: current.name, status: current.status } });
      return current;
    });
    return RegistrationTokenDto.from(token);
  }
}
