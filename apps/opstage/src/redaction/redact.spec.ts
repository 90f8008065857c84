import { extractSecrets, isSensitiveKey, REDACTED, redact, restoreSecrets } from './redact';

describe('redaction', () => {
  it('replaces the values of secret-looking keys, nested too, and keeps the structure', () => {
    const input = { token: 't', agentToken: 'a', password: 'p', cookie: 'c', apiKey: 'k', api_key: 'k2', nested: { secret: 's', list: [{ clientSecret: 'x', ok: 1 }] }, name: 'svc' };
    expect(redact(input)).toEqual({
      token: REDACTED,
      agentToken: REDACTED,
      password: REDACTED,
      cookie: REDACTED,
      apiKey: REDACTED,
      api_key: REDACTED,
      nested: { secret: REDACTED, list: [{ clientSecret: REDACTED, ok: 1 }] },
      name: 'svc',
    });
    expect(input.password).toBe('p');
  });

  it('keeps names that describe a secret without holding one', () => {
    for (const key of ['revokedTokens', 'tokenCount', 'passwordChangedAt', 'sessionId', 'cookieExpired', 'tokenId', 'secretRef']) {
      expect([key, isSensitiveKey(key)]).toEqual([key, false]);
    }
    expect(redact({ revokedTokens: 1, tokenCount: 2, passwordChangedAt: 'x' })).toEqual({ revokedTokens: 1, tokenCount: 2, passwordChangedAt: 'x' });
  });

  it('masks embedded opstage tokens wherever they appear and leaves ids alone', () => {
    const out = redact({ note: 'used opstage_agent_abcDEF-123_x here', list: ['opstage_reg_Zz9'], id: 'agt_01ABC', n: 3 });
    expect(out).toEqual({ note: `used opstage_agent_${REDACTED} here`, list: [`opstage_reg_${REDACTED}`], id: 'agt_01ABC', n: 3 });
  });

  it('extracts secrets by key and by schema path, and restores them exactly', () => {
    const payload = { message: 'hi', password: 'p1', pin: '1234', items: [{ token: 't1' }] };
    const { redacted, secrets } = extractSecrets(payload, new Set(['pin']));
    expect(redacted).toEqual({ message: 'hi', password: REDACTED, pin: REDACTED, items: [{ token: REDACTED }] });
    expect(secrets).toEqual({ password: 'p1', pin: '1234', 'items.0.token': 't1' });
    expect(restoreSecrets(redacted, secrets)).toEqual(payload);
  });
});
