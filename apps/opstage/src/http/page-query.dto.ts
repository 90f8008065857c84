import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { first } from './query-transforms';

const toInt = ({ value }: { value: unknown }) => {
  const v = first(value);
  if (v === undefined || v === '') return undefined;
  return typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
};

/** `page` ≥ 1 (default 1), `pageSize` 1..100 (default 20), `sort` = `field` or `-field` (comma-separated). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1, type: Integer() }) @Transform(toInt) @IsOptional() @IsInt() @Min(1) @Max(1_000_000) page?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, type: Integer() }) @Transform(toInt) @IsOptional() @IsInt() @Min(1) @Max(100) pageSize?: number;
  @ApiPropertyOptional({ description: '`field` ascending or `-field` descending; comma-separated.' })
  @Transform(({ value }) => first(value))
  @IsOptional()
  @IsString()
  @Matches(/^-?[A-Za-z]+(,-?[A-Za-z]+)*$/, { message: 'sort must be field or -field, comma-separated' })
  sort?: string;
}

function Integer(): 'integer' {
  return 'integer';
}

export interface PageWindow {
  page: number;
  pageSize: number;
  offset: number;
}

export function pageWindow(query: PageQueryDto): PageWindow {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  return { page, pageSize, offset: (page - 1) * pageSize };
}
