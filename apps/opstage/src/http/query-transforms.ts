import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** A query value sent twice arrives as an array; single-valued filters take the first value. */
export function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** The first value of a query parameter, trimmed when it is a string. */
const TrimmedFirst = () =>
  Transform(({ value }) => {
    const v = first(value);
    return typeof v === 'string' ? v.trim() : v;
  });

/** Optional text filter or search: trimmed, then 1..max characters (whitespace-only is a 422, as in the original). */
export function TextFilter(max: number): PropertyDecorator {
  return applyDecorators(TrimmedFirst(), IsOptional(), IsString(), MinLength(1), MaxLength(max));
}

/** Optional ISO-8601 date-time, trimmed (whitespace-only is a 422). */
export function DateTimeFilter(): PropertyDecorator {
  return applyDecorators(
    TrimmedFirst(),
    IsOptional(),
    IsString(),
    IsISO8601({ strict: true, strictSeparator: true }, { message: '$property must be an ISO-8601 date-time' }),
  );
}

/** Optional id filter with a fixed prefix (`agt_…`). */
export function IdFilter(prefix: string): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => first(value)),
    IsOptional(),
    IsString(),
    Matches(new RegExp(`^${prefix}_[A-Za-z0-9_-]{1,64}$`), { message: `must be an id starting with ${prefix}_` }),
  );
}

/** Optional multi-valued enum filter (`status=A&status=B` or `status=A,B`), OR'ed. */
export function EnumListFilter(values: readonly string[]): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => {
      if (value === undefined || value === null || value === '') return undefined;
      const list = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim());
      return list;
    }),
    IsOptional(),
    IsIn(values, { each: true }),
  );
}

/** Optional single enum filter. */
export function EnumFilter(values: readonly string[]): PropertyDecorator {
  return applyDecorators(Transform(({ value }) => first(value)), IsOptional(), IsIn(values));
}
