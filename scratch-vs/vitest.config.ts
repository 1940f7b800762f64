export default { test: { globalSetup: ['../mocks/testing/vitest-setup.ts'], include: ['*.test.ts'] } };
