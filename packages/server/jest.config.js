/** Integration tests run against a real PostgreSQL: each test file gets its own database. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^@chorus/shared$': '<rootDir>/../shared/src/index.ts',
  },
  globalSetup: '<rootDir>/src/test/global-setup.ts',
  globalTeardown: '<rootDir>/src/test/global-teardown.ts',
  // Generous: CI can share two cores with other work, and each user made costs an argon2 hash.
  testTimeout: 120_000,
  maxWorkers: 2,
};
