'use strict';
// Emulator of Bonify's Customer Account Fields REST API v2, for tests, benchmarks, e2e and demos.
const { startEmulator } = require('./server');
const { generateCustomers, CUSTOM_FIELD_DEFINITIONS } = require('./sample-data');
const { parseFilters, FILTER_FIELDS, OPERATORS } = require('./filters');
const { encodeCursor, decodeCursor } = require('./cursor');
const { FAULT_KINDS } = require('./faults');
const { RATE_READINGS } = require('./rate');
const { parseLatency } = require('./latency');

module.exports = {
	startEmulator,
	generateCustomers,
	CUSTOM_FIELD_DEFINITIONS,
	FILTER_FIELDS,
	FILTER_OPERATORS: OPERATORS,
	FAULT_KINDS,
	RATE_READINGS,
	parseLatency,
	parseFilters,
	encodeCursor,
	decodeCursor,
};
