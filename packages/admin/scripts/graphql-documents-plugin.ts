import type { Plugin } from 'vite';

const CALL = /\bgraphql\(\s*`([\s\S]*?)`\s*\)/g;
const DEFINITION = /\b(query|mutation|subscription|fragment)\s+(\w+)/;

/**
 * Replaces each `graphql(\`…\`)` call with a direct import of the document codegen generated for
 * it, as codegen's Babel plugin does, so every route chunk carries only its own documents rather
 * than the whole document map.
 */
export function graphqlDocuments(generatedModule: string): Plugin {
  return {
    name: 'chorus-graphql-documents',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.(ts|tsx)$/.test(id) || id.includes('/src/gql/') || !code.includes('graphql(`')) return null;
      const imports = new Set<string>();
      const transformed = code.replace(CALL, (call, source: string) => {
        const match = DEFINITION.exec(source);
        if (!match) return call;
        const name = match[1] === 'fragment' ? `${match[2]}FragmentDoc` : `${match[2]}Document`;
        imports.add(name);
        return name;
      });
      if (!imports.size) return null;
      return {
        code: `import { ${[...imports].join(', ')} } from ${JSON.stringify(generatedModule)};\n${transformed}`,
        map: null,
      };
    },
  };
}
