import { Body, Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { userActor } from '../audit/audit-recorder';
import { Access } from '../auth/access.decorator';
import { CurrentSession } from '../auth/current-caller.decorator';
import type { AuthenticatedSession } from '../auth/session.service';
import { ApiOkEnvelope, ApiOkPage } from '../http/api-envelope.decorators';
import { IdParam } from '../http/id-param.pipe';
import { DeleteOk, PostOk } from '../http/post-ok.decorator';
import { CreatedRegistrationTokenDto, CreateRegistrationTokenDto, ListRegistrationTokensQueryDto, RegistrationTokenDto } from './dto/registration-token.dto';
import { RegistrationTokensService } from './registration-tokens.service';

@ApiTags('AdminRegistrationTokens')
@Controller('api/admin/registration-tokens')
export class RegistrationTokensController {
  constructor(private readonly tokens: RegistrationTokensService) {}

  @PostOk()
  @Access.operator()
  @ApiOperation({ operationId: 'createRegistrationToken', summary: 'Create a one-time registration token; the raw token is returned only once.' })
  @ApiOkEnvelope(CreatedRegistrationTokenDto)
  create(@CurrentSession() auth: AuthenticatedSession, @Body() body: CreateRegistrationTokenDto = {}) {
    return this.tokens.create(userActor(auth.user.id), body ?? {});
  }

  @Get()
  @Access.viewer()
  @ApiOperation({ operationId: 'listRegistrationTokens', summary: 'List registration tokens (never their values).' })
  @ApiOkPage(RegistrationTokenDto)
  list(@Query() query: ListRegistrationTokensQueryDto) {
    return this.tokens.list(query);
  }

  @PostOk(':tokenId/revoke')
  @Access.operator()
  @ApiOperation({ operationId: 'revokeRegistrationToken', summary: 'Revoke an ACTIVE registration token.' })
  @ApiOkEnvelope(RegistrationTokenDto)
  revoke(@CurrentSession() auth: AuthenticatedSession, @IdParam('tokenId', 'tok') tokenId: string) {
    return this.tokens.revoke(auth.user.id, tokenId);
  }

  @DeleteOk(':tokenId')
  @Access.operator()
  @ApiOperation({ operationId: 'deleteRegistrationToken', summary: 'Delete an EXPIRED or REVOKED registration token.' })
  @ApiOkEnvelope(RegistrationTokenDto)
  remove(@CurrentSession() auth: AuthenticatedSession, @IdParam('tokenId', 'tok') tokenId: string) {
    return this.tokens.remove(auth.user.id, tokenId);
  }
}
