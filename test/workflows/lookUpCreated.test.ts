import type { Emulator } from '../../tools/emulator';
import { accepted, jsonOf, pairsOf, runNode, sent, useEmulator } from './setup';

const parameters = {
	resource: 'customer',
	operation: 'create',
	email: '={{ $json.email }}',
	additionalFields: { firstName: '={{ $json.first }}', phone: '={{ $json.phone }}' },
	options: { lookUpCreated: true },
};

const people = (count: number) =>
	Array.from({ length: count }, (_, i) => ({ email: `looked${i}@example.com`, first: `P${i}` }));
const reads = (emu: Emulator) => accepted(emu, 'GET').map((entry) => entry.query.filters as string);

describe('Create › Look Up Created Customers', () => {
	let emu: Emulator;
	useEmulator(
		{ customers: 60, indexDelayMs: 0, dateFilters: 'any', nowMs: undefined },
		(started) => (emu = started),
	);

	it('outputs the 25 new customers with their IDs after one read of the customers created since the run began', async () => {
		const result = await runNode(emu, parameters, { inputItems: people(25) });
		expect(result.error).toBeUndefined();
		expect(accepted(emu, 'POST')).toHaveLength(3);
		expect(reads(emu)).toEqual([
			expect.stringMatching(/^customer_date\|gt\|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
		]);
		const output = jsonOf(result);
		expect(pairsOf(result)).toEqual(Array.from({ length: 25 }, (_, i) => i));
		for (const [i, item] of output.entries()) {
			const stored = emu.customers.find((customer) => customer.email === `looked${i}@example.com`)!;
			expect(item).toMatchObject({
				id: stored.id,
				email: stored.email,
				first_name: `P${i}`,
				customer_fields: [],
			});
		}
	});

	it.each([
		['reads customer_date by day only', 'byDay'],
		['refuses a date-time in a date filter', 'dateOnly'],
	] as const)(
		'falls back to one search per email when the API %s',
		async (_reading, dateFilters) => {
			// The new customers are stamped 3 minutes back, so on the shop day of the read's "since" (now − 2 min) or
			// earlier, whatever the hour: just after the shop's midnight, "since" would fall on the day before and the
			// by-day read would find them.
			emu.setOptions({ dateFilters, nowMs: Date.now() - 3 * 60_000 });
			const result = await runNode(emu, parameters, { inputItems: people(2) });
			expect(result.error).toBeUndefined();
			expect(reads(emu)).toEqual([
				expect.stringMatching(/^customer_date\|gt\|/),
				'email|equals|"looked0@example.com"',
				'email|equals|"looked1@example.com"',
			]);
			expect(accepted(emu, 'GET')[0].status).toBe(dateFilters === 'dateOnly' ? 400 : 200);
			const ids = jsonOf(result).map((item) => item.id);
			expect(ids).toEqual(
				['looked0@example.com', 'looked1@example.com'].map(
					(email) => emu.customers.find((customer) => customer.email === email)!.id,
				),
			);
		},
	);

	it('waits for a search index that shows new customers late, then finds each by email', async () => {
		emu.setOptions({ indexDelayMs: 1500 });
		const result = await runNode(emu, parameters, { inputItems: people(2) });
		expect(result.error).toBeUndefined();
		expect(reads(emu)).toEqual([
			expect.stringMatching(/^customer_date\|gt\|/),
			'email|equals|"looked0@example.com"',
			'email|equals|"looked1@example.com"',
			'email|equals|"looked0@example.com"',
			'email|equals|"looked1@example.com"',
		]);
		const ids = jsonOf(result).map((item) => item.id);
		expect(ids).toEqual(
			['looked0@example.com', 'looked1@example.com'].map(
				(email) => emu.customers.find((customer) => customer.email === email)!.id,
			),
		);
	});

	it('finds a customer created with a phone only, by its phone', async () => {
		const result = await runNode(
			emu,
			{ ...parameters, email: '' },
			{ inputItems: [{ phone: '+4930555123', first: 'Phone only' }] },
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0]).toMatchObject({
			id: expect.any(Number),
			phone: '+4930555123',
			first_name: 'Phone only',
		});
	});

	it('is off by default: no read, the output as sent', async () => {
		const result = await runNode(emu, { ...parameters, options: {} }, { inputItems: people(1) });
		expect(sent(emu, 'GET')).toHaveLength(0);
		expect(jsonOf(result)).toEqual([{ email: 'looked0@example.com', first_name: 'P0' }]);
	});
});
