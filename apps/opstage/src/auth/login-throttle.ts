import { Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { OpstageConfig } from '../config/opstage-config';

export interface ThrottleVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** Failed-login budgets per client IP and per username; a spent budget blocks for the rest of the window. */
@Injectable()
export class LoginThrottle {
  private readonly byIp: RateLimiterMemory;
  private readonly byUsername: RateLimiterMemory;

  constructor(config: OpstageConfig) {
    this.byIp = new RateLimiterMemory({ keyPrefix: 'login-ip', points: config.loginMaxAttemptsPerIp, duration: config.loginWindowSeconds, blockDuration: config.loginWindowSeconds });
    this.byUsername = new RateLimiterMemory({ keyPrefix: 'login-user', points: config.loginMaxAttemptsPerUsername, duration: config.loginWindowSeconds, blockDuration: config.loginWindowSeconds });
  }

  async check(ip: string, username: string): Promise<ThrottleVerdict> {
    const [ipState, userState] = await Promise.all([this.byIp.get(ip), this.byUsername.get(username.toLowerCase())]);
    const blocked = [ipState, userState].filter((s): s is RateLimiterRes => !!s && s.remainingPoints <= 0 && s.msBeforeNext > 0);
    if (!blocked.length) return { allowed: true, retryAfterSeconds: 0 };
    return { allowed: false, retryAfterSeconds: Math.ceil(Math.max(...blocked.map((s) => s.msBeforeNext)) / 1000) };
  }

  /** Records a failure; returns true when this failure used up the username's budget (a lockout starts). */
  async recordFailure(ip: string, username: string): Promise<boolean> {
    const consume = async (limiter: RateLimiterMemory, key: string): Promise<RateLimiterRes | null> => {
      try {
        return await limiter.consume(key);
      } catch (res) {
        return res instanceof RateLimiterRes ? res : null;
      }
    };
    await consume(this.byIp, ip);
    const user = await consume(this.byUsername, username.toLowerCase());
    return !!user && user.remainingPoints === 0 && user.consumedPoints === this.byUsername.points;
  }

  async recordSuccess(username: string): Promise<void> {
    await this.byUsername.delete(username.toLowerCase());
  }
}
