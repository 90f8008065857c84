import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorEnvelopeDto, PaginationDto } from './envelope.dto';

/** Documents `{ success: true, data: T }` (or `data: T[]`) as the 200 response. */
export function ApiOkEnvelope(model: Type<unknown> | null, options: { isArray?: boolean; description?: string } = {}) {
  const data = model === null ? { type: 'object', additionalProperties: true } : options.isArray ? { type: 'array', items: { $ref: getSchemaPath(model) } } : { $ref: getSchemaPath(model) };
  return applyDecorators(
    ApiExtraModels(ErrorEnvelopeDto, ...(model ? [model] : [])),
    ApiOkResponse({
      description: options.description ?? 'Success envelope.',
      schema: { type: 'object', required: ['success'], properties: { success: { type: 'boolean', enum: [true] }, data } },
    }),
  );
}

/** Documents `{ success: true }` with no data. */
export function ApiOkEmpty(description = 'Success envelope without data.') {
  return ApiOkResponse({ description, schema: { type: 'object', required: ['success'], properties: { success: { type: 'boolean', enum: [true] } } } });
}

/** Documents `{ success: true, data: T[], pagination }`. */
export function ApiOkPage(model: Type<unknown>) {
  return applyDecorators(
    ApiExtraModels(PaginationDto, model),
    ApiOkResponse({
      description: 'A page of results.',
      schema: {
        type: 'object',
        required: ['success', 'data', 'pagination'],
        properties: {
          success: { type: 'boolean', enum: [true] },
          data: { type: 'array', items: { $ref: getSchemaPath(model) } },
          pagination: { $ref: getSchemaPath(PaginationDto) },
        },
      },
    }),
  );
}
