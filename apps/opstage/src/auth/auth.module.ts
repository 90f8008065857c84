import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AgentCredentialCache } from './agent-credential-cache';
import { AgentTokenAuthenticator } from './agent-token-authenticator';
import { AuthController } from './auth.controller';
import { LoginService } from './login.service';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './session.service';
import { AgentTokenStrategy } from './strategies/agent-token.strategy';
import { SessionStrategy } from './strategies/session.strategy';
import { TokenUseRecorder } from './token-use-recorder';

@Module({
  imports: [PassportModule],
  controllers: [AuthController],
  providers: [SessionService, PasswordHasher, LoginThrottle, LoginService, AgentCredentialCache, AgentTokenAuthenticator, TokenUseRecorder, SessionStrategy, AgentTokenStrategy],
  exports: [SessionService, PasswordHasher, AgentCredentialCache, AgentTokenAuthenticator],
})
export class AuthModule {}
