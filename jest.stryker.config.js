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
	// Left out: the node's description (it loads the whole node and n8n-workflow in every run), actions/
	// (not pure: they run with a stub execution context) and the trigger's 20,000-customer simulation
	// (30 s a run; pollPlan.test.ts and afterRead.test.ts cover the same policy in milliseconds).
	testPathIgnorePatterns: [
		'/node_modules/',
		'<rootDir>/test/unit/description\\.test\\.ts$',
		'<rootDir>/test/unit/actions/',
		'<rootDir>/test/unit/CustomerAccountFieldsTrigger/pollPlan\\.simulation\\.test\\.ts$',
	],
};
