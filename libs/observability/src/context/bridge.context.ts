import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line, metric and message produced while handling one request or message is tied to. */
export interface BridgeContext {
  tenantId?: string;
  correlationId?: string;
  [key: string]: unknown;
}

export const bridgeContext = new AsyncLocalStorage<BridgeContext>();

/**
 * Runs `fn` with `ctx` as the current context. Fields of an enclosing context are kept unless `ctx`
 * overrides them, and the inner context is a copy, so `setContextField` inside never leaks outwards.
 */
export function runWithContext<T>(ctx: BridgeContext, fn: () => T): T {
  return bridgeContext.run({ ...bridgeContext.getStore(), ...ctx }, fn);
}

/** The current context; empty outside any request or message. */
export function currentContext(): Readonly<BridgeContext> {
  return bridgeContext.getStore() ?? {};
}

/** Adds a field to the current context, e.g. the tenant once a guard has authenticated the caller. */
export function setContextField(key: string, value: unknown): void {
  const store = bridgeContext.getStore();
  if (store === undefined) {
    // Dropping the field would silently lose tenantId from every later log line of this request.
    throw new Error(`setContextField('${key}') was called outside runWithContext`);
  }
  store[key] = value;
}
