// Jest as a runner for the benchmarks (`npm run bench` → bench/run.js runs one *.bench.ts per process).
// Same ts-jest transform and n8n environment as the tests (root jest.config.js); only the roots differ.
const path = require('node:path');
const root = require('../jest.config.js');

const { displayName: _name, ...project } = root.projects[0];

/** @type {import('jest').Config} */
module.exports = {
	...project,
	globalSetup: root.globalSetup,
	globalTeardown: root.globalTeardown,
	rootDir: path.resolve(__dirname, '..'),
	roots: ['<rootDir>/bench'],
	testMatch: ['**/*.bench.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	// Benchmarks print figures; they assert correctness (every customer updated…) but never times.
	testTimeout: 20 * 60_000,
	// No cached test order / coverage: each bench file runs in its own process anyway.
	cache: true,
};
