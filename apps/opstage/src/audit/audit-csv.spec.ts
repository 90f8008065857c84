import { csvCell, csvHeader, csvRow } from './audit-csv';
import type { AuditEventDto } from './audit-event.dto';

describe('audit CSV cells', () => {
  it('quotes every cell and doubles embedded quotes', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a,b\nc')).toBe('"a,b\nc"');
  });

  it('writes null as empty and objects as JSON', () => {
    expect(csvCell(null)).toBe('""');
    expect(csvCell(undefined)).toBe('""');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")'])('prefixes the formula trigger in %j with a single quote', (value) => {
    expect(csvCell(value)).toBe(`"'${value.replace(/"/g, '""')}"`);
  });

  it('leaves values that merely contain a trigger later on alone', () => {
    expect(csvCell('a=b')).toBe('"a=b"');
    expect(csvCell('2030-01-01T00:00:00.000Z')).toBe('"2030-01-01T00:00:00.000Z"');
  });

  it('writes the documented header and one line per event', () => {
    expect(csvHeader()).toBe('id,createdAt,actorType,actorId,action,targetType,targetId,result,message,requestId,ipAddress,userAgent,metadata,correlationId\n');
    const event: AuditEventDto = {
      id: 'aud_1',
      createdAt: '2030-01-01T00:00:00.000Z',
      actorType: 'USER',
      actorId: 'usr_1',
      action: 'x.y',
      targetType: null,
      targetId: null,
      result: 'SUCCESS',
      message: '-oops',
      requestId: 'req_1',
      ipAddress: '127.0.0.1',
      userAgent: 'ua',
      metadata: { k: 'v' },
      correlationId: 'corr-1',
    };
    expect(csvRow(event)).toBe('"aud_1","2030-01-01T00:00:00.000Z","USER","usr_1","x.y","","","SUCCESS","\'-oops","req_1","127.0.0.1","ua","{""k"":""v""}","corr-1"\n');
  });
});
