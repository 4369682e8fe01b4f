#!/usr/bin/env node
'use strict';
// Starts the emulator and prints one JSON line: {"baseUrl","shopDomain","apiKey","pid"}.
// node tools/emulator/cli.js --port 0 --customers 300 --window-ms 1000 --rate-limit 1 \
//   --shop demo-shop.myshopify.com --api-key demo-key [--latency-ms 0] [--no-throttle] [--retry-after 1] [--verbose]
//   [--rate-reading spacing|calendar|one-at-a-time] [--latency in=40-80,server=50-250,out=40-80]
const { startEmulator, parseLatency, RATE_READINGS } = require('./index');

const NUMBERS = {
	'--port': 'port',
	'--customers': 'customers',
	'--window-ms': 'windowMs',
	'--rate-limit': 'rateLimit',
	'--page-size': 'pageSize',
	'--max-batch': 'maxBatch',
	'--latency-ms': 'latencyMs',
	'--seed': 'seed',
	'--index-delay-ms': 'indexDelayMs',
};
const STRINGS = {
	'--shop': 'shopDomain',
	'--api-key': 'apiKey',
	'--retry-after': 'retryAfterOn429',
	'--date-filters': 'dateFilters',
};

function parseArgs(argv) {
	const options = {};
	let verbose = false;
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		if (flag === '--no-throttle') options.throttle = false;
		else if (flag === '--latency') options.latency = parseLatency(argv[++i] ?? '');
		else if (flag === '--rate-reading') {
			options.rateReading = argv[++i];
			if (!RATE_READINGS.includes(options.rateReading))
				throw new Error(`--rate-reading must be one of ${RATE_READINGS.join(', ')}`);
		} else if (flag === '--verbose') verbose = true;
		else if (NUMBERS[flag] || STRINGS[flag]) {
			const value = argv[++i];
			if (value === undefined) throw new Error(`${flag} needs a value`);
			if (NUMBERS[flag]) {
				if (!/^\d+$/.test(value)) throw new Error(`${flag} must be a whole number, got ${value}`);
				options[NUMBERS[flag]] = Number(value);
			} else options[STRINGS[flag]] = value;
		} else throw new Error(`unknown option ${flag}`);
	}
	return { options, verbose };
}

async function main() {
	const { options, verbose } = parseArgs(process.argv.slice(2));
	if (verbose) {
		options.onRequest = (e) =>
			process.stderr.write(
				`${e.method} ${e.path} → ${e.status}${e.fault ? ` (fault ${e.fault})` : ''} auth=${e.auth}\n`,
			);
	}
	const emulator = await startEmulator(options);
	process.stdout.write(
		`${JSON.stringify({ baseUrl: emulator.baseUrl, shopDomain: emulator.shopDomain, apiKey: emulator.apiKey, pid: process.pid })}\n`,
	);
	const shutdown = () => {
		emulator.stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

main().catch((err) => {
	process.stderr.write(`emulator: ${err.message}\n`);
	process.exit(2);
});
