import { applyDecorators, Delete, HttpCode, Post, Put } from '@nestjs/common';

/** POST answering 200 on success, as the contract requires for every operation. */
export const PostOk = (path?: string) => applyDecorators(Post(path), HttpCode(200));
export const PutOk = (path?: string) => applyDecorators(Put(path), HttpCode(200));
export const DeleteOk = (path?: string) => applyDecorators(Delete(path), HttpCode(200));
