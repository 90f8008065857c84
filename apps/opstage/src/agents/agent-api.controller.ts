import { Body, Controller } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CurrentAgent } from '../auth/current-caller.decorator';
import type { AuthenticatedAgent } from '../auth/agent-token-authenticator';
import { ApiOkEnvelope } from '../http/api-envelope.decorators';
import { IdParam } from '../http/id-param.pipe';
import { PostOk } from '../http/post-ok.decorator';
import { AgentRegistrationService } from './agent-registration.service';
import { AgentReportsService } from './agent-reports.service';
import { AgentCadenceDto, HeartbeatDto, RegisterAgentDto, RegisterAgentResponseDto, ServiceReportDto, ServiceReportResponseDto } from './dto/agent-api.dto';

/** The agent-facing API (wire-compatible with the published contract). */
@ApiTags('Agent')
@Controller('api/agents')
export class AgentApiController {
  constructor(
    private readonly registration: AgentRegistrationService,
    private readonly reports: AgentReportsService,
  ) {}

  @PostOk('register')
  @Access.public()
  @ApiOperation({ operationId: 'registerAgent', summary: 'Register with a one-time registration token; returns the agent token once.' })
  @ApiOkEnvelope(RegisterAgentResponseDto)
  register(@Body() body: RegisterAgentDto) {
    return this.registration.register(body);
  }

  @PostOk(':agentId/heartbeat')
  @Access.agent()
  @ApiOperation({ operationId: 'agentHeartbeat', summary: 'Heartbeat with optional health for one service; returns the cadence.' })
  @ApiOkEnvelope(AgentCadenceDto)
  async heartbeat(@CurrentAgent() caller: AuthenticatedAgent, @IdParam('agentId', 'agt') _agentId: string, @Body() body: HeartbeatDto = {}) {
    await this.reports.heartbeat(caller.agent, body ?? {});
    return this.registration.cadence();
  }

  @PostOk(':agentId/services/report')
  @Access.agent()
  @ApiOperation({ operationId: 'reportAgentServices', summary: 'Report services: manifest, configs, actions and health.' })
  @ApiOkEnvelope(ServiceReportResponseDto)
  async report(@CurrentAgent() caller: AuthenticatedAgent, @IdParam('agentId', 'agt') _agentId: string, @Body() body: ServiceReportDto) {
    return { services: await this.reports.report(caller.agent, body) };
  }
}
