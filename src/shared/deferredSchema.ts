/**
 * A schema built the first time anything touches it, not when its module loads. Building zod schemas is most of
 * what requiring the engine costs (each field is a few objects with dozens of methods, and the first ones compile
 * zod's code), while the first command needs only a few of them. The stand-in forwards every operation to the
 * schema once built, so it keeps the schema's own type (`z.infer`, `.shape`, `.extend`, `.omit`…) and its parse
 * behaviour, and can be nested in other schemas, eager or deferred: unlike `z.lazy`, nothing at the call sites
 * changes.
 */
export function deferredSchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = (): T => (built ??= build());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(schema(), key),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    has: (_, key) => Reflect.has(schema(), key),
    deleteProperty: (_, key) => Reflect.deleteProperty(schema(), key),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(schema(), key, descriptor),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
    ownKeys: () => Reflect.ownKeys(schema()),
    // A proxy may not call a property non-configurable that its (empty) target lacks, and zod defines `_zod` so.
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}
