// The jest setup for `npm run test:mutation`: the unit tests only, which cover the code Stryker mutates
// (helpers/ and the pure parts of transport/); the engine-level suites are too slow to run per mutant.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = { ...base, roots: ['<rootDir>/test/unit'] };
