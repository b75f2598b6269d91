export { type CreateDbOptions, createDb, type DbHandle, type DbKind } from './create-db.ts';
export { migrateToLatest } from './migrate.ts';
export type * from './schema.ts';
export { type Executor, inTransaction, type Tx } from './transaction.ts';
export { PG_OID, typeParsers } from './type-parsers.ts';
