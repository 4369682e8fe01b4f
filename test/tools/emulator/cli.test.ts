/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import * as readline from 'node:readline';

const CLI = path.join(__dirname, '..', '..', '..', 'tools', 'emulator', 'cli.js');

describe('emulator CLI', () => {
	it('prints one JSON line, serves the API, and exits cleanly on SIGTERM', async () => {
		const child = spawn(
			process.execPath,
			[
				CLI,
				'--port',
				'0',
				'--customers',
				'300',
				'--window-ms',
				'1000',
				'--rate-limit',
				'1',
				'--shop',
				'demo-shop.myshopify.com',
				'--api-key',
				'demo-key',
			],
			{ stdio: ['ignore', 'pipe', 'pipe'] },
		);
		try {
			const lines = readline.createInterface({ input: child.stdout! });
			const [line] = (await once(lines, 'line')) as [string];
			const info = JSON.parse(line);
			expect(info).toEqual({
				baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v2$/),
				shopDomain: 'demo-shop.myshopify.com',
				apiKey: 'demo-key',
				pid: child.pid,
			});

			const headers = { 'x-shop-domain': info.shopDomain, 'x-api-key': info.apiKey };
			const first = await fetch(`${info.baseUrl}/customers`, { headers });
			expect(first.status).toBe(200);
			expect(((await first.json()) as { customers: unknown[] }).customers).toHaveLength(50);
			expect((await fetch(`${info.baseUrl}/customers`, { headers })).status).toBe(429);
		} finally {
			child.kill('SIGTERM');
		}
		const [code, signal] = await once(child, 'exit');
		expect([code, signal]).toEqual([0, null]);
	});

	it('refuses unknown options', async () => {
		const child = spawn(process.execPath, [CLI, '--bogus'], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stderr = '';
		child.stderr!.on('data', (chunk) => (stderr += chunk));
		const [code] = await once(child, 'exit');
		expect(code).toBe(2);
		expect(stderr).toContain('unknown option --bogus');
	});

	it('plays the one-at-a-time reading with a server delay from the command line', async () => {
		const child = spawn(
			process.execPath,
			[
				CLI,
				'--customers',
				'3',
				'--rate-reading',
				'one-at-a-time',
				'--latency',
				'server=400',
				'--window-ms',
				'10',
			],
			{ stdio: ['ignore', 'pipe', 'pipe'] },
		);
		try {
			const [line] = (await once(readline.createInterface({ input: child.stdout! }), 'line')) as [
				string,
			];
			const info = JSON.parse(line);
			const headers = { 'x-shop-domain': info.shopDomain, 'x-api-key': info.apiKey };
			const first = fetch(`${info.baseUrl}/customers`, { headers });
			await new Promise((resolve) => setTimeout(resolve, 100));
			expect((await fetch(`${info.baseUrl}/customers`, { headers })).status).toBe(429);
			expect((await first).status).toBe(200);
		} finally {
			child.kill('SIGTERM');
		}
		await once(child, 'exit');
	});

	it('refuses an unknown rate reading', async () => {
		const child = spawn(process.execPath, [CLI, '--rate-reading', 'bogus'], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stderr = '';
		child.stderr!.on('data', (chunk) => (stderr += chunk));
		const [code] = await once(child, 'exit');
		expect(code).toBe(2);
		expect(stderr).toContain('--rate-reading must be one of spacing, calendar, one-at-a-time');
	});
});
