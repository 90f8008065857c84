import { Module } from '@nestjs/common';
import { CapsuleServicesModule } from '../capsule-services/capsule-services.module';
import { AgentApiController } from './agent-api.controller';
import { AgentRegistrationService } from './agent-registration.service';
import { AgentReportsService } from './agent-reports.service';
import { AgentsController } from './agents.controller';
import { AgentsService } from './agents.service';

@Module({
  imports: [CapsuleServicesModule],
  controllers: [AgentApiController, AgentsController],
  providers: [AgentRegistrationService, AgentReportsService, AgentsService],
  exports: [AgentRegistrationService],
})
export class AgentsModule {}
