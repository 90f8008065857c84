import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/sqlite';
import { AuditActor, AuditRecorder } from '../audit/audit-recorder';
import { PasswordHasher } from '../auth/password-hasher';
import { SessionService } from '../auth/session.service';
import { ApiError } from '../http/api-error';
import { Paginated } from '../http/paginated';
import { containsText } from '../http/like-filter';
import { findPage } from '../http/find-page';
import { newId } from '../ids/new-id';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user-requests.dto';
import { UserDto } from './dto/user.dto';
import { User } from './user.entity';

const SORTABLE = { createdAt: 'createdAt', username: 'username', lastLoginAt: 'lastLoginAt' };

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly audit: AuditRecorder,
  ) {}

  async list(query: ListUsersQueryDto): Promise<Paginated<UserDto>> {
    const where: Record<string, unknown> = {};
    if (query.role) where.role = query.role;
    if (query.status) where.status = query.status;
    if (query.q) {
      Object.assign(where, containsText(['username', 'display_name'], query.q));
    }
    const { rows, pagination } = await findPage(this.em, User, where, query, { allowed: SORTABLE, fallback: '-createdAt' });
    return new Paginated(rows.map(UserDto.from), pagination);
  }

  /** Whether `password` is the user's current one (the hash is read here; the request's session never carries it). */
  async passwordMatches(userId: string, password: string): Promise<boolean> {
    const user = await this.em.findOne(User, { id: userId });
    return user !== null && (await this.hasher.verify(user.passwordHash, password));
  }

  async create(actorId: string, body: CreateUserDto): Promise<UserDto> {
    const passwordHash = await this.hasher.hash(body.password);
    try {
      const user = await this.em.transactional(async (tx) => {
        if (await tx.count(User, { username: body.username })) throw new ApiError('USER_ALREADY_EXISTS', 'A user with this username already exists.');
        const created = tx.create(User, { id: newId('usr'), username: body.username, passwordHash, displayName: body.displayName ?? null, role: body.role, passwordChangedAt: new Date() });
        this.audit.record(tx, { actorType: 'USER', actorId, action: 'user.created', targetType: 'User', targetId: created.id, metadata: { username: created.username, role: created.role } });
        return created;
      });
      return UserDto.from(user);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new ApiError('USER_ALREADY_EXISTS', 'A user with this username already exists.');
      throw error;
    }
  }

  async update(actorId: string, userId: string, body: UpdateUserDto): Promise<UserDto> {
    const user = await this.em.transactional(async (tx) => {
      const target = await tx.findOne(User, { id: userId });
      if (!target) throw new ApiError('USER_NOT_FOUND', 'User not found.');
      const demotes = body.role !== undefined && body.role !== 'owner';
      const disables = body.status === 'DISABLED';
      if (target.role === 'owner' && target.status === 'ACTIVE' && (demotes || disables)) {
        const activeOwners = await tx.count(User, { role: 'owner', status: 'ACTIVE' });
        if (activeOwners <= 1) throw new ApiError('LAST_OWNER_REQUIRED', 'The last active owner cannot be demoted or disabled.');
      }
      const before = { role: target.role, status: target.status, displayName: target.displayName };
      if (body.displayName !== undefined) target.displayName = body.displayName;
      if (body.role !== undefined) target.role = body.role;
      if (body.status !== undefined) target.status = body.status;
      if (target.status === 'DISABLED' && before.status !== 'DISABLED') await this.sessions.revokeAllForUser(tx, target.id);
      this.audit.record(tx, { actorType: 'USER', actorId, action: 'user.updated', targetType: 'User', targetId: target.id, metadata: { before, after: { role: target.role, status: target.status, displayName: target.displayName } } });
      return target;
    });
    return UserDto.from(user);
  }

  /** Sets a new password and ends every session of that user (except `keepSessionId`, for self-service changes). */
  async setPassword(actor: AuditActor, userId: string, password: string, action: 'user.password.reset' | 'user.password.changed', keepSessionId?: string): Promise<UserDto> {
    const passwordHash = await this.hasher.hash(password);
    const user = await this.em.transactional(async (tx) => {
      const target = await tx.findOne(User, { id: userId });
      if (!target) throw new ApiError('USER_NOT_FOUND', 'User not found.');
      target.passwordHash = passwordHash;
      target.passwordChangedAt = new Date();
      const revokedSessions = await this.sessions.revokeAllForUser(tx, target.id, keepSessionId);
      this.audit.record(tx, { ...actor, action, targetType: 'User', targetId: target.id, metadata: { revokedSessions } });
      return target;
    });
    return UserDto.from(user);
  }
}
