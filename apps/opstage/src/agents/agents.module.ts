import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CapsuleServicesModule } from '../capsule-services/capsule-services.module';
import { AgentApiController } from './agent-api.controller';
import { AgentRegistrationService } from './agent-registration.service';
import { AgentReportsService } from './agent-reports.service';
import { AgentsController } from './agents.controller';
import { AgentsService } from './agents.service';
import { HeartbeatCoalescer } from './heartbeat-coalescer';

@Module({
  imports: [AuthModule, CapsuleServicesModule],
  controllers: [AgentApiController, AgentsController],
  providers: [AgentRegistrationService, AgentReportsService, AgentsService, HeartbeatCoalescer],
  exports: [AgentRegistrationService],
})
export class AgentsModule {}
