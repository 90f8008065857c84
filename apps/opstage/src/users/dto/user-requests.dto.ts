import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { USER_ROLES, USER_STATUSES, type UserRole, type UserStatus } from '../../../../../libs/contracts/src';
import { PageQueryDto } from '../../http/page-query.dto';
import { TextFilter } from '../../http/query-transforms';

export const PASSWORD_MIN = 12;

export class CreateUserDto {
  @ApiProperty({ minLength: 1, maxLength: 320 }) @IsString() @MinLength(1) @MaxLength(320) username: string;
  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN, maxLength: 256 }) @IsString() @MinLength(PASSWORD_MIN) @MaxLength(256) password: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) displayName?: string;
  @ApiProperty({ enum: USER_ROLES }) @IsIn(USER_ROLES) role: UserRole;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) displayName?: string;
  @ApiPropertyOptional({ enum: USER_ROLES }) @IsOptional() @IsIn(USER_ROLES) role?: UserRole;
  @ApiPropertyOptional({ enum: USER_STATUSES }) @IsOptional() @IsIn(USER_STATUSES) status?: UserStatus;
}

export class ResetPasswordDto {
  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN, maxLength: 256 }) @IsString() @MinLength(PASSWORD_MIN) @MaxLength(256) password: string;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: USER_ROLES }) @IsOptional() @IsIn(USER_ROLES) role?: UserRole;
  @ApiPropertyOptional({ enum: USER_STATUSES }) @IsOptional() @IsIn(USER_STATUSES) status?: UserStatus;
  @ApiPropertyOptional({ minLength: 1, maxLength: 160 }) @TextFilter(160) q?: string;
}
