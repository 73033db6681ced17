import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

const CALL = /\bgraphql\(\s*`([\s\S]*?)`\s*\)/g;
const DEFINITION = /\b(query|mutation|subscription|fragment)\s+(\w+)/;
const GENERATED = /^export const (\w+) = (\{.*\}) as unknown as DocumentNode/gm;

/**
 * Replaces each `graphql(\`…\`)` call with the document codegen generated for it, written into the
 * calling module, so every route chunk carries only its own documents: importing them from the
 * generated module would put all of them (one module, ~300 kB) in the chunk the first page loads.
 */
export function graphqlDocuments(generatedModule: string): Plugin {
  let documents: Map<string, string> | undefined;
  const documentNamed = (name: string) => {
    documents ??= new Map([...readFileSync(generatedModule, 'utf8').matchAll(GENERATED)].map((m) => [m[1]!, m[2]!]));
    const document = documents.get(name);
    if (!document) throw new Error(`${name} is not in ${generatedModule}: run pnpm --filter @chorus/admin codegen`);
    return document;
  };
  return {
    name: 'chorus-graphql-documents',
    enforce: 'pre',
    // A new codegen run during `vite` (dev) is read again on the next change.
    watchChange: (id) => void (id === generatedModule && (documents = undefined)),
    transform(code, id) {
      if (!/\.(ts|tsx)$/.test(id) || id.includes('/src/gql/') || !code.includes('graphql(`')) return null;
      const used = new Map<string, string>();
      const transformed = code.replace(CALL, (call, source: string) => {
        const match = DEFINITION.exec(source);
        if (!match) return call;
        const name = match[1] === 'fragment' ? `${match[2]}FragmentDoc` : `${match[2]}Document`;
        used.set(name, documentNamed(name));
        return name;
      });
      if (!used.size) return null;
      const declarations = [...used].map(
        ([name, document]) => `const ${name} = JSON.parse(${JSON.stringify(document)});`,
      );
      return { code: `${declarations.join('\n')}\n${transformed}`, map: null };
    },
  };
}
