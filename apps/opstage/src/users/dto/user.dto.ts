import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES, USER_STATUSES, type UserRole, type UserStatus } from '../../../../../libs/contracts/src';
import type { User } from '../user.entity';

/** A user as shown to anyone: every field but the password's. */
export type UserProfile = Pick<User, 'id' | 'username' | 'displayName' | 'role' | 'status' | 'lastLoginAt' | 'createdAt' | 'updatedAt'>;

export class UserDto {
  @ApiProperty({ pattern: '^usr_' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty({ type: String, nullable: true }) displayName: string | null;
  @ApiProperty({ enum: USER_ROLES }) role: UserRole;
  @ApiProperty({ enum: USER_STATUSES }) status: UserStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastLoginAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(user: UserProfile): UserDto {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      status: user.status,
      lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    };
  }
}
