export * from './error-codes';
export * from './enums';
