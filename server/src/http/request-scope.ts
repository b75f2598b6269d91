import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

/** The request a piece of code runs for, as seen from anywhere down its async chain. */
export interface RequestScope {
  requestId: string;
  res: Response;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Express middleware: everything after it (and every callback it schedules) knows its request. */
export function requestScope(req: Request, res: Response, next: NextFunction): void {
  storage.run({ requestId: String(req.id), res }, next);
}

/** The request the current code runs for, or undefined outside any request (start-up, jobs). */
export function currentRequest(): RequestScope | undefined {
  return storage.getStore();
}
