// Runs in every test file's sandbox of a rate-reading project (jest.config.js): emulators started
// without an explicit reading then play this one.
if (globalThis.CAF_RATE_READING)
	process.env.CAF_EMULATOR_RATE_READING = globalThis.CAF_RATE_READING;
