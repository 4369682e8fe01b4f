// Jest runs the TypeScript tests through ts-jest in transpile-only mode (fast);
// type checking is a separate step: `tsc -p test/tsconfig.json --noEmit`.
const { compilerOptions } = require('./test/tsconfig.json');

/** The emulator's readings of "1 request per second" besides the default (sliding window on arrival). */
const OTHER_RATE_READINGS = ['calendar', 'one-at-a-time'];

const project = {
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
	setupFiles: ['<rootDir>/tools/jest/setupEnv.js', '<rootDir>/tools/jest/rateReading.js'],
};

/** @type {import('jest').Config} */
module.exports = {
	globalSetup: '<rootDir>/tools/jest/globalSetup.js',
	globalTeardown: '<rootDir>/tools/jest/globalTeardown.js',
	testTimeout: 30_000,
	// Most suites wait on the emulator's rate limit, not the CPU: three workers on 2 cores take 2 min instead of 5½ serially.
	maxWorkers: 3,
	projects: [
		{ ...project, displayName: 'spacing' },
		// The node must pass the workflow and fault suites under every reading the seed allows.
		...OTHER_RATE_READINGS.map((reading) => ({
			...project,
			displayName: reading,
			testMatch: ['<rootDir>/test/workflows/**/*.test.ts', '<rootDir>/test/faults/**/*.test.ts'],
			globals: { CAF_RATE_READING: reading },
		})),
	],
};
