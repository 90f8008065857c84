import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { REGISTRATION_TOKEN_STATUSES, type RegistrationTokenStatus } from '../../../../../libs/contracts/src';
import { PageQueryDto } from '../../http/page-query.dto';
import { EnumListFilter } from '../../http/query-transforms';
import { RegistrationToken } from '../registration-token.entity';

export class RegistrationTokenDto {
  @ApiProperty({ pattern: '^tok_' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: REGISTRATION_TOKEN_STATUSES }) status: RegistrationTokenStatus;
  @ApiProperty({ type: String, nullable: true, pattern: '^agt_' }) agentId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) usedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(token: RegistrationToken): RegistrationTokenDto {
    return {
      id: token.id,
      name: token.name,
      status: token.status,
      agentId: token.agentId,
      expiresAt: token.expiresAt?.toISOString() ?? null,
      usedAt: token.usedAt?.toISOString() ?? null,
      revokedAt: token.revokedAt?.toISOString() ?? null,
      createdAt: token.createdAt.toISOString(),
      updatedAt: token.updatedAt.toISOString(),
    };
  }
}

export class CreatedRegistrationTokenDto extends RegistrationTokenDto {
  @ApiProperty({ pattern: '^opstage_reg_', description: 'The raw token, returned only this once.' }) rawToken: string;
  @ApiProperty({ pattern: '^opstage_reg_', description: 'Same value as rawToken (kept for compatibility).' }) token: string;
}

export class CreateRegistrationTokenDto {
  @ApiPropertyOptional({ default: 'Default registration token', maxLength: 200 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 60, maximum: 31536000, description: 'Omit for a token that never expires.' })
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(31536000)
  expiresInSeconds?: number;
}

export class ListRegistrationTokensQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REGISTRATION_TOKEN_STATUSES, isArray: true }) @EnumListFilter(REGISTRATION_TOKEN_STATUSES) status?: RegistrationTokenStatus[];
}
