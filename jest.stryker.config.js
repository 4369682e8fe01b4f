// The jest setup for `npm run test:mutation`: the unit tests only, which cover the code Stryker mutates
// (helpers/ and the pure parts of transport/); the engine-level suites are too slow to run per mutant.
const root = require('./jest.config');

const { displayName: _name, ...project } = root.projects[0];

/** @type {import('jest').Config} */
module.exports = {
	...project,
	globalSetup: root.globalSetup,
	globalTeardown: root.globalTeardown,
	testTimeout: root.testTimeout,
	roots: ['<rootDir>/test/unit'],
};
