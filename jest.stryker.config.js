// The jest setup for `npm run test:mutation`: the unit tests only, which cover the code Stryker mutates
// (the pure modules of nodes/); the engine-level suites are too slow to run per mutant.
// nodes/ is a root too, so Jest's dependency graph reaches the mutated file through the node's own
// imports, and Stryker (jest.enableFindRelatedTests) runs only the test files that import it.
const root = require('./jest.config');

const { displayName: _name, ...project } = root.projects[0];

/** @type {import('jest').Config} */
module.exports = {
	...project,
	globalSetup: root.globalSetup,
	globalTeardown: root.globalTeardown,
	testTimeout: root.testTimeout,
	roots: ['<rootDir>/test/unit', '<rootDir>/nodes'],
	testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
	// The node's description (it loads the whole node and n8n-workflow in every run) and actions/ (they
	// need n8n's execution context) are not pure modules; their suites would only slow each mutant down.
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/unit/description\\.test\\.ts$', '<rootDir>/test/unit/actions/'],
};
