import { applyDecorators, Param, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { idPattern } from '../ids/new-id';
import { validationFailed } from './api-error';

class IdPipe implements PipeTransform<string, string> {
  constructor(
    private readonly name: string,
    private readonly prefix: string,
  ) {}

  transform(value: string): string {
    if (typeof value !== 'string' || !idPattern(this.prefix).test(value)) {
      throw validationFailed([{ path: this.name, message: `must be an id starting with ${this.prefix}_` }]);
    }
    return value;
  }
}

/** A path id with its prefix checked (422 otherwise) and documented. */
export function IdParam(name: string, prefix: string): ParameterDecorator {
  return (target, key, index) => {
    Param(name, new IdPipe(name, prefix))(target, key, index);
    if (key) applyDecorators(ApiParam({ name, required: true, schema: { type: 'string', pattern: `^${prefix}_` } }))(target, key, Object.getOwnPropertyDescriptor(target, key)!);
  };
}
