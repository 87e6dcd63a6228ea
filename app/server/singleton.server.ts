/**
 * One instance per process, shared by server.ts (run by tsx) and the Remix
 * server bundle, which each hold their own copy of the app modules, and kept
 * across dev rebuilds. Pattern from epic-stack and indie-stack.
 */
export function singleton<T>(name: string, create: () => T): T {
  const store = ((globalThis as { __agPortal?: Record<string, unknown> }).__agPortal ??= {});
  if (!(name in store)) store[name] = create();
  return store[name] as T;
}

/** Drops an instance so the next singleton() call creates it again (tests, shutdown). */
export function forgetSingleton(name: string): void {
  const store = (globalThis as { __agPortal?: Record<string, unknown> }).__agPortal;
  if (store) delete store[name];
}
