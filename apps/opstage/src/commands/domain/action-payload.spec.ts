import { PayloadSealer } from '../../crypto/payload-sealer';
import { REDACTED } from '../../redaction/redact';
import { ActionPayloadValidator } from './action-payload-validator';
import { canonicalJson, containsRedactedValues, sealPayload, sensitiveSchemaPaths, unsealPayload } from './payload-secrets';

const SCHEMA = {
  type: 'object',
  properties: {
    message: { type: 'string', maxLength: 10 },
    note: { type: 'string', format: 'textarea' },
    pin: { type: 'string', format: 'password' },
    contact: { type: 'string', format: 'email' },
    db: { type: 'object', properties: { dsn: { type: 'string', writeOnly: true }, host: { type: 'string' } } },
    servers: { type: 'array', items: { type: 'object', properties: { key: { type: 'string', format: 'password' } } } },
    count: { type: 'integer', minimum: 1 },
  },
  required: ['message'],
  additionalProperties: false,
};

describe('ActionPayloadValidator', () => {
  const validator = new ActionPayloadValidator();

  it('accepts a valid payload and tolerates UI-only formats such as textarea and password', () => {
    expect(validator.validate(SCHEMA, { message: 'hi', note: 'multi\nline', pin: '1234', contact: 'a@b.test', count: 2 })).toEqual([]);
  });

  it('reports each problem with a dotted path under payload', () => {
    const issues = validator.validate(SCHEMA, { message: 'far too long message', count: 0, extra: true, contact: 'not-an-email' });
    const paths = issues.map((i) => i.path).sort();
    expect(paths).toEqual(['payload.contact', 'payload.count', 'payload.extra', 'payload.message']);
    expect(validator.validate(SCHEMA, {})).toEqual([{ path: 'payload.message', message: expect.stringContaining('message') }]);
  });

  it('validates nothing for an empty schema and never throws on a schema that does not compile', () => {
    expect(validator.validate({}, { anything: 1 })).toEqual([]);
    expect(validator.validate({ type: 'object', properties: { a: { type: 'no-such-type' } } }, { a: 1 })).toEqual([]);
  });

  it('reuses the compiled schema and copes with a schema $id seen twice', () => {
    const withId = { $id: 'https://example.test/s', type: 'object', required: ['a'] };
    expect(validator.validate(withId, {})).toHaveLength(1);
    expect(validator.validate({ ...withId, required: ['b'] }, { a: 1 })).toEqual([{ path: 'payload.b', message: expect.any(String) }]);
  });
});

describe('payload secrets', () => {
  const sealer = new PayloadSealer('a-test-session-secret-that-is-long-enough-0123456789');

  it('finds password-format and writeOnly schema properties, nested and in arrays', () => {
    expect([...sensitiveSchemaPaths(SCHEMA)].sort()).toEqual(['db.dsn', 'pin', 'servers.key']);
  });

  it('stores only the redacted payload and seals what it removed', () => {
    // Secrets long enough (or with characters outside base64url) that random ciphertext cannot contain them by chance.
    const payload = { message: 'hi', password: 'p@ss', pin: '99999999', db: { dsn: 'postgres://u:pw@h/db', host: 'h' }, servers: [{ key: 'first-server-key' }, { key: 'second-server-key' }] };
    const sealed = sealPayload(payload, SCHEMA, sealer);
    expect(sealed.payload).toEqual({ message: 'hi', password: REDACTED, pin: REDACTED, db: { dsn: REDACTED, host: 'h' }, servers: [{ key: REDACTED }, { key: REDACTED }] });
    expect(sealed.sealedSecrets).toMatch(/^v1\./);
    for (const secret of ['p@ss', '99999999', 'postgres://', 'first-server-key', 'second-server-key']) expect(sealed.sealedSecrets).not.toContain(secret);
    expect(unsealPayload(sealed.payload, sealed.sealedSecrets, sealer)).toEqual(payload);
  });

  it('seals nothing when nothing is sensitive, and a payload sealed under another secret stays redacted', () => {
    expect(sealPayload({ message: 'hi' }, SCHEMA, sealer).sealedSecrets).toBeNull();
    const sealed = sealPayload({ password: 'x' }, {}, sealer);
    const other = new PayloadSealer('another-secret-another-secret-another-secret');
    expect(unsealPayload(sealed.payload, sealed.sealedSecrets, other)).toEqual({ password: REDACTED });
  });

  it('detects redacted values and compares payloads regardless of key order', () => {
    expect(containsRedactedValues({ a: [{ b: REDACTED }] })).toBe(true);
    expect(containsRedactedValues({ a: [{ b: 'x' }] })).toBe(false);
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, 2] }, b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });
});
