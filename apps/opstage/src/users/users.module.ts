import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OwnerBootstrap } from './owner-bootstrap';
import { UsersController } from './users.controller';
import { AccountController } from './account.controller';
import { UsersService } from './users.service';

@Module({ imports: [AuthModule], controllers: [UsersController, AccountController], providers: [UsersService, OwnerBootstrap], exports: [UsersService] })
export class UsersModule {}
