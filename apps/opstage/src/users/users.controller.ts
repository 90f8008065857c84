import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { userActor } from '../audit/audit-recorder';
import { Access } from '../auth/access.decorator';
import { CurrentSession } from '../auth/current-caller.decorator';
import type { AuthenticatedSession } from '../auth/session.service';
import { ApiOkEnvelope, ApiOkPage } from '../http/api-envelope.decorators';
import { IdParam } from '../http/id-param.pipe';
import { PostOk } from '../http/post-ok.decorator';
import { CreateUserDto, ListUsersQueryDto, ResetPasswordDto, UpdateUserDto } from './dto/user-requests.dto';
import { UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('AdminUsers')
@Controller('api/admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Access.owner()
  @ApiOperation({ operationId: 'listUsers', summary: 'List admin users.' })
  @ApiOkPage(UserDto)
  list(@Query() query: ListUsersQueryDto) {
    return this.users.list(query);
  }

  @PostOk()
  @Access.owner()
  @ApiOperation({ operationId: 'createUser', summary: 'Create an admin user.' })
  @ApiOkEnvelope(UserDto)
  create(@CurrentSession() auth: AuthenticatedSession, @Body() body: CreateUserDto) {
    return this.users.create(auth.user.id, body);
  }

  @Patch(':userId')
  @Access.owner()
  @ApiOperation({ operationId: 'updateUser', summary: 'Update role, status or display name; the last active owner stays.' })
  @ApiOkEnvelope(UserDto)
  update(@CurrentSession() auth: AuthenticatedSession, @IdParam('userId', 'usr') userId: string, @Body() body: UpdateUserDto) {
    return this.users.update(auth.user.id, userId, body);
  }

  @PostOk(':userId/reset-password')
  @Access.owner()
  @ApiOperation({ operationId: 'resetUserPassword', summary: "Reset a user's password; ends all of that user's sessions." })
  @ApiOkEnvelope(UserDto)
  resetPassword(@CurrentSession() auth: AuthenticatedSession, @IdParam('userId', 'usr') userId: string, @Body() body: ResetPasswordDto) {
    return this.users.setPassword(userActor(auth.user.id), userId, body.password, 'user.password.reset');
  }
}
