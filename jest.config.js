// Jest runs the TypeScript tests through ts-jest in transpile-only mode (fast);
// type checking is a separate step: `tsc -p test/tsconfig.json --noEmit`.
const { compilerOptions } = require('./test/tsconfig.json');

/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The end-to-end suite drives a real n8n and has its own script (`npm run test:e2e`).
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	transform: {
		'^.+\\.[tj]s$': [
			'ts-jest',
			{
				// ts-jest reads the root tsconfig.json and applies these on top, which is what
				// test/tsconfig.json does too; isolatedModules makes it transpile file by file.
				tsconfig: { ...compilerOptions, isolatedModules: true },
			},
		],
	},
	globalSetup: '<rootDir>/test/harness/jest.globalSetup.js',
	globalTeardown: '<rootDir>/test/harness/jest.globalTeardown.js',
	setupFiles: ['<rootDir>/test/harness/jest.setupEnv.js'],
	testTimeout: 30_000,
};
