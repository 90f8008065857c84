import { Module } from '@nestjs/common';
import { AdminStream } from './admin-stream';
import { AdminStreamController } from './admin-stream.controller';

@Module({ controllers: [AdminStreamController], providers: [AdminStream] })
export class StreamModule {}
