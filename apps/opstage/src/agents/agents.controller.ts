import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CurrentSession } from '../auth/current-caller.decorator';
import type { AuthenticatedSession } from '../auth/session.service';
import { ApiOkEnvelope, ApiOkPage } from '../http/api-envelope.decorators';
import { IdParam } from '../http/id-param.pipe';
import { PostOk } from '../http/post-ok.decorator';
import { AgentsService } from './agents.service';
import { AgentDetailDto, AgentDto, ListAgentsQueryDto } from './dto/agent.dto';

@ApiTags('AdminAgents')
@Controller('api/admin/agents')
export class AgentsController {
  constructor(private readonly agents: AgentsService) {}

  @Get()
  @Access.viewer()
  @ApiOperation({ operationId: 'listAgents', summary: 'List agents.' })
  @ApiOkPage(AgentDto)
  list(@Query() query: ListAgentsQueryDto) {
    return this.agents.list(query);
  }

  @Get(':agentId')
  @Access.viewer()
  @ApiOperation({ operationId: 'getAgent', summary: 'Agent detail with its services.' })
  @ApiOkEnvelope(AgentDetailDto)
  detail(@IdParam('agentId', 'agt') agentId: string) {
    return this.agents.detail(agentId);
  }

  @PostOk(':agentId/disable')
  @Access.operator()
  @ApiOperation({ operationId: 'disableAgent', summary: 'Disable an agent (its calls get 403 AGENT_DISABLED).' })
  @ApiOkEnvelope(AgentDto)
  disable(@CurrentSession() auth: AuthenticatedSession, @IdParam('agentId', 'agt') agentId: string) {
    return this.agents.transition(auth.user.id, agentId, 'disable');
  }

  @PostOk(':agentId/enable')
  @Access.operator()
  @ApiOperation({ operationId: 'enableAgent', summary: 'Enable a disabled agent.' })
  @ApiOkEnvelope(AgentDto)
  enable(@CurrentSession() auth: AuthenticatedSession, @IdParam('agentId', 'agt') agentId: string) {
    return this.agents.transition(auth.user.id, agentId, 'enable');
  }

  @PostOk(':agentId/revoke')
  @Access.operator()
  @ApiOperation({ operationId: 'revokeAgent', summary: 'Revoke an agent and all its tokens.' })
  @ApiOkEnvelope(AgentDto)
  revoke(@CurrentSession() auth: AuthenticatedSession, @IdParam('agentId', 'agt') agentId: string) {
    return this.agents.transition(auth.user.id, agentId, 'revoke');
  }

  @PostOk(':agentId/reenrol')
  @Access.operator()
  @ApiOperation({ operationId: 'reenrolAgent', summary: 'Allow the next registration with this code to revive a DISABLED or REVOKED agent.' })
  @ApiOkEnvelope(AgentDto)
  reenrol(@CurrentSession() auth: AuthenticatedSession, @IdParam('agentId', 'agt') agentId: string) {
    return this.agents.transition(auth.user.id, agentId, 'reenrol');
  }
}
