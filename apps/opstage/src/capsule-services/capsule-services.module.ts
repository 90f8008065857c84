import { Module } from '@nestjs/common';
import { CapsuleServicesController } from './capsule-services.controller';
import { CapsuleServicesService } from './capsule-services.service';
import { ServiceReporter } from './service-reporter';

@Module({ controllers: [CapsuleServicesController], providers: [CapsuleServicesService, ServiceReporter], exports: [ServiceReporter, CapsuleServicesService] })
export class CapsuleServicesModule {}
