import type { CodegenConfig } from '@graphql-codegen/cli';

/** Types every operation against the server's committed schema: a schema change breaks the build. */
const config: CodegenConfig = {
  schema: '../server/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: { unmaskFunctionName: 'getFragmentData' } },
      config: {
        scalars: { DateTime: 'string' },
        // Generated types use the very enums the server and the rest of the app use.
        enumValues: Object.fromEntries(
          [
            'Role',
            'Sector',
            'SessionFormat',
            'SessionStatus',
            'CityConnection',
            'AgeBand',
            'ConsentPurpose',
            'ConsentMethod',
            'Prompt',
            'ResponseSource',
            'SafeguardingCategory',
            'FlagStatus',
            'FlagSource',
            'SpecialCategory',
            'QuestionnaireSessionMode',
          ].map((name) => [name, `@chorus/shared#${name}`]),
        ),
        avoidOptionals: { field: true, inputValue: false },
        nonOptionalTypename: false,
        skipTypename: true,
        useTypeImports: true,
      },
    },
  },
  ignoreNoDocuments: false,
};

export default config;
