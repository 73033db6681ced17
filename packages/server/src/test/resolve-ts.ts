import Module from 'node:module';

// Jest's moduleNameMapper does not reach global setup, which runs in plain Node: map the
// `./x.js` imports that nodenext wants onto the `./x.ts` sources here.
type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: Resolve };
const resolve = moduleWithResolver._resolveFilename;
moduleWithResolver._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  if (request.startsWith('.') && request.endsWith('.js')) {
    try {
      return resolve.call(this, `${request.slice(0, -3)}.ts`, ...rest);
    } catch {
      // not a TypeScript source: resolve as asked
    }
  }
  return resolve.call(this, request, ...rest);
};
