import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { UserDto } from '../../users/dto/user.dto';
import { PASSWORD_MIN } from '../../users/dto/user-requests.dto';

export class LoginDto {
  @ApiProperty({ minLength: 1, maxLength: 320 }) @IsString() @MinLength(1) @MaxLength(320) username: string;
  @ApiProperty({ format: 'password', minLength: 1, maxLength: 256 }) @IsString() @MinLength(1) @MaxLength(256) password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password', maxLength: 256 }) @IsString() @MinLength(1) @MaxLength(256) currentPassword: string;
  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN, maxLength: 256 }) @IsString() @MinLength(PASSWORD_MIN) @MaxLength(256) newPassword: string;
}

export class AdminSessionDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ description: 'Send back as X-CSRF-Token on every mutating admin request.' }) csrfToken: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class CsrfTokenDto {
  @ApiProperty() csrfToken: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class LogoutAllDto {
  @ApiProperty({ type: 'integer', description: 'Sessions ended, the current one included.' }) revokedSessions: number;
}
