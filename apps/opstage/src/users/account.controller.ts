import { Body, Controller } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { userActor } from '../audit/audit-recorder';
import { Access } from '../auth/access.decorator';
import { CurrentSession } from '../auth/current-caller.decorator';
import { ChangePasswordDto } from '../auth/dto/auth.dto';
import type { AuthenticatedSession } from '../auth/session.service';
import { ApiError } from '../http/api-error';
import { ApiOkEnvelope } from '../http/api-envelope.decorators';
import { PostOk } from '../http/post-ok.decorator';
import { UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

/** Self-service for the signed-in user, whatever the role. */
@ApiTags('AdminAuth')
@Controller('api/admin/auth')
export class AccountController {
  constructor(private readonly users: UsersService) {}

  @PostOk('password')
  @Access.viewer()
  @ApiOperation({ operationId: 'changeOwnPassword', summary: 'Change my password; my other sessions end.' })
  @ApiOkEnvelope(UserDto)
  async changePassword(@CurrentSession() auth: AuthenticatedSession, @Body() body: ChangePasswordDto): Promise<UserDto> {
    if (!(await this.users.passwordMatches(auth.user.id, body.currentPassword))) {
      throw new ApiError('VALIDATION_FAILED', 'Current password is wrong.', { issues: [{ path: 'currentPassword', message: 'is wrong' }] });
    }
    return this.users.setPassword(userActor(auth.user.id), auth.user.id, body.newPassword, 'user.password.changed', auth.session.id);
  }
}
