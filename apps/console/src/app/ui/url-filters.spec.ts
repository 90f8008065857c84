import { convertToParamMap } from '@angular/router';
import { filtersFromParams, filtersToParams } from './url-filters';

const DEFAULTS = { status: [] as string[], q: '', health: null as string | null, allTypes: false };

describe('URL filters', () => {
  it('writes only what differs from the defaults, a multi-select as a repeated parameter', () => {
    expect(filtersToParams(DEFAULTS, DEFAULTS)).toEqual({});
    expect(filtersToParams({ status: ['ONLINE', 'OFFLINE'], q: 'edge', health: 'UP', allTypes: true }, DEFAULTS)).toEqual({ status: ['ONLINE', 'OFFLINE'], q: 'edge', health: 'UP', allTypes: 'true' });
  });

  it('reads each filter by the type of its default and keeps the default when absent', () => {
    expect(filtersFromParams(convertToParamMap({}), DEFAULTS)).toEqual(DEFAULTS);
    expect(filtersFromParams(convertToParamMap({ status: ['ONLINE', 'OFFLINE'], q: 'edge', health: 'UP', allTypes: 'true', other: 'x' }), DEFAULTS)).toEqual({ status: ['ONLINE', 'OFFLINE'], q: 'edge', health: 'UP', allTypes: true });
    // A comma-separated list (as the API also takes it) reads the same.
    expect(filtersFromParams(convertToParamMap({ status: 'ONLINE,OFFLINE' }), DEFAULTS).status).toEqual(['ONLINE', 'OFFLINE']);
  });

  it('round-trips', () => {
    const filters = { status: ['PENDING'], q: 'a b', health: null, allTypes: true };
    expect(filtersFromParams(convertToParamMap(filtersToParams(filters, DEFAULTS)), DEFAULTS)).toEqual(filters);
  });
});
