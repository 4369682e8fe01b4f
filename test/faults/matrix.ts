/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Customer, Emulator, FaultSpec } from '../../tools/emulator';
import type { RunResult } from '../../tools/harness';
import { API_KEY, jsonOf, pairsOf, runNode } from '../workflows/setup';

export interface Fault {
	name: string;
	spec: Omit<FaultSpec, 'method' | 'nth'>;
	/** The API may have carried out the request although it failed (5xx, reset, timeout, cut-off reply). */
	transient: boolean;
	/** Node options for the case (the slow reply needs a short timeout). */
	options?: INodeParameters;
	/** A Retry-After beyond the node's 60 s ceiling: the request fails at once, as a whole batch. */
	tooLong?: boolean;
	/** The httpCode the error carries, when it is not the fault's kind. */
	httpCode?: string;
}

// Every fault that replies echoes the API key in its message, body and headers: no cell may show it.
export const FAULTS: Fault[] = [
	{
		name: '429, Retry-After: 1',
		spec: { kind: '429', retryAfter: '1', echoKey: true },
		transient: false,
	},
	{ name: '429, no Retry-After', spec: { kind: '429', echoKey: true }, transient: false },
	{
		name: '429, Retry-After: 2.0',
		spec: { kind: '429', retryAfter: '2.0', echoKey: true },
		transient: false,
	},
	{
		name: '429, Retry-After: 3600 (over the 60 s ceiling)',
		spec: { kind: '429', retryAfter: '3600', echoKey: true },
		transient: false,
		tooLong: true,
	},
	{
		name: '500',
		spec: { kind: '500', message: 'internal server error', echoKey: true },
		transient: true,
	},
	{ name: '502', spec: { kind: '502', message: 'bad gateway', echoKey: true }, transient: true },
	{
		name: '503',
		spec: { kind: '503', message: 'service unavailable', echoKey: true },
		transient: true,
	},
	{
		name: '504',
		spec: { kind: '504', message: 'gateway timeout', echoKey: true },
		transient: true,
	},
	{ name: 'connection reset', spec: { kind: 'reset' }, transient: true },
	{
		name: 'reply slower than the timeout',
		spec: { kind: 'slow', delayMs: 1500 },
		transient: true,
		options: { timeout: 300 },
	},
	{ name: 'malformed JSON', spec: { kind: 'malformed' }, transient: true, httpCode: '200' },
	{
		name: '200 "status": "error"',
		spec: { kind: 'status-error', message: 'internal error', echoKey: true },
		transient: false,
		httpCode: '200',
	},
	{
		name: '403 quoting the key',
		spec: { kind: '403', message: 'invalid request', echoKey: true },
		transient: false,
	},
	{
		name: '302 to another origin',
		spec: { kind: 'redirect', location: 'http://127.0.0.1:9/elsewhere', echoKey: true },
		transient: false,
		httpCode: '302',
	},
];

export interface Operation {
	name: string;
	method: 'GET' | 'PUT' | 'POST' | 'DELETE';
	/** Which matching request the fault hits (a later page for Get Many). */
	nth: number;
	parameters: INodeParameters;
	inputItems(emu: Emulator): IDataObject[];
	/** Checks the emulator's state against the output, error items included: nothing lost, nothing written twice. */
	checkState(
		emu: Emulator,
		output: IDataObject[],
		before: Customer[],
		input: IDataObject[],
		fault: Fault,
	): void;
}

const locator = { __rl: true, mode: 'id', value: '={{ $json.id }}' };

export const OPERATIONS: Operation[] = [
	{
		name: 'get',
		method: 'GET',
		nth: 2,
		parameters: { resource: 'customer', operation: 'get', customerId: locator },
		inputItems: (emu) => emu.customers.slice(0, 3).map((customer) => ({ id: customer.id })),
		checkState(emu, output, before, input) {
			// an item is either its customer or an error, never something else
			output.forEach((item, i) =>
				expect(item.error === undefined ? item.id : 'error').toBe(
					item.error === undefined ? input[i].id : 'error',
				),
			);
			expect(emu.customers).toEqual(before);
		},
	},
	{
		name: 'getAll (fault on page 2)',
		method: 'GET',
		nth: 2,
		parameters: { resource: 'customer', operation: 'getAll', returnAll: true },
		inputItems: () => [{}],
		checkState(emu, output, before) {
			const ids = output.filter((item) => !item.error).map((item) => item.id);
			expect(new Set(ids).size).toBe(ids.length);
			expect(ids).toEqual(before.slice(0, ids.length).map((customer) => customer.id));
			// a failure on page 2 keeps exactly page 1 (50 customers); otherwise all were read
			expect(ids).toHaveLength(output.some((item) => item.error) ? 50 : before.length);
			expect(emu.customers).toEqual(before);
		},
	},
	{
		name: 'create (10 + 2)',
		method: 'POST',
		nth: 1,
		parameters: {
			resource: 'customer',
			operation: 'create',
			email: '={{ $json.email }}',
			customFields: { field: [{ name: 'loyalty_tier', value: 'gold' }] },
		},
		inputItems: () => Array.from({ length: 12 }, (_, i) => ({ email: `matrix${i}@example.com` })),
		checkState(emu, output, before, input, fault) {
			input.forEach((item, i) => {
				const copies = emu.customers.filter((customer) => customer.email === item.email).length;
				// written once, or not at all when it failed before the API acted
				expect(`${String(item.email)} ×${copies}`).toBe(
					`${String(item.email)} ×${output[i].error && !fault.transient ? 0 : 1}`,
				);
			});
			const others = emu.customers.filter(
				(customer) => !String(customer.email).startsWith('matrix'),
			);
			expect(others).toEqual(before);
		},
	},
	{
		name: 'update (10 + 2)',
		method: 'PUT',
		nth: 1,
		parameters: {
			resource: 'customer',
			operation: 'update',
			customerId: locator,
			updateFields: { note: '={{ "matrix " + $json.id }}' },
		},
		inputItems: (emu) => emu.customers.slice(0, 12).map((customer) => ({ id: customer.id })),
		checkState(emu, output, before, input) {
			input.forEach((item, i) => {
				const customer = emu.customers.find((c) => c.id === item.id);
				expect(customer).toBeDefined();
				// updated exactly when it did not fail (no update fault acts and then fails every retry)
				expect(customer?.note === `matrix ${item.id}`).toBe(output[i].error === undefined);
			});
			expect(emu.customers.slice(12)).toEqual(before.slice(12));
		},
	},
	{
		name: 'create or update: creates (10 + 2)',
		method: 'POST',
		nth: 1,
		parameters: {
			resource: 'customer',
			operation: 'upsert',
			email: '={{ $json.email }}',
			additionalFields: { note: 'matrix' },
		},
		inputItems: () => Array.from({ length: 12 }, (_, i) => ({ email: `matrix${i}@example.com` })),
		checkState(emu, output, before, input) {
			input.forEach((item, i) => {
				const copies = emu.customers.filter((customer) => customer.email === item.email).length;
				expect(copies).toBeLessThanOrEqual(1);
				if (!output[i].error) expect([copies, output[i].result]).toEqual([1, 'created']);
			});
			expect(
				emu.customers.filter((customer) => !String(customer.email).startsWith('matrix')),
			).toEqual(before);
		},
	},
	{
		name: 'create or update: updates (10 + 2)',
		method: 'PUT',
		nth: 1,
		parameters: {
			resource: 'customer',
			operation: 'upsert',
			email: '={{ $json.email }}',
			additionalFields: { note: '={{ "matrix " + $json.email }}' },
		},
		inputItems: (emu) =>
			emu.customers
				.filter((customer) => customer.email)
				.slice(0, 12)
				.map((customer) => ({ email: customer.email })),
		checkState(emu, output, before, input) {
			input.forEach((item, i) => {
				const customer = emu.customers.find((c) => c.email === item.email);
				if (!output[i].error)
					expect([customer?.note, output[i].result, output[i].id]).toEqual([
						`matrix ${item.email}`,
						'updated',
						customer?.id,
					]);
			});
			expect(emu.customers).toHaveLength(before.length);
		},
	},
	{
		name: 'delete',
		method: 'DELETE',
		nth: 2,
		parameters: { resource: 'customer', operation: 'delete', customerId: locator },
		inputItems: (emu) => emu.customers.slice(0, 3).map((customer) => ({ id: customer.id })),
		checkState(emu, output, before, input) {
			input.forEach((item, i) => {
				const present = emu.customers.some((customer) => customer.id === item.id);
				// deleted exactly when it did not fail
				expect(present).toBe(output[i].error !== undefined);
			});
			expect(emu.customers.length).toBeGreaterThanOrEqual(before.length - input.length);
		},
	},
];

export interface CaseResult {
	operation: string;
	fault: string;
	outcome: string;
}

/** Runs one cell of the matrix with Continue On Fail, checks the invariants, and describes the outcome. */
export async function runCase(
	emu: Emulator,
	operation: Operation,
	fault: Fault,
): Promise<{ outcome: string; run: RunResult; errors: IDataObject[] }> {
	emu.reset({ customers: 60 });
	const before = JSON.parse(JSON.stringify(emu.customers)) as Customer[];
	const input = operation.inputItems(emu);
	emu.queueFault({
		...fault.spec,
		method: operation.method,
		nth: operation.nth,
		...(writesAndActs(operation, fault) ? { afterWrite: true } : {}),
	});
	const parameters = fault.options
		? { ...operation.parameters, options: fault.options }
		: operation.parameters;
	const run = await runNode(emu, parameters, {
		inputItems: input,
		onError: 'continueRegularOutput',
	});
	expect(run.error).toBeUndefined();

	const output = jsonOf(run);
	const pairs = pairsOf(run);
	if (operation.name.startsWith('getAll')) {
		expect(new Set(pairs)).toEqual(new Set([0]));
	} else {
		// exactly one output item per input item, in order, each paired to its input
		expect(pairs).toEqual(input.map((_, i) => i));
	}
	for (const item of output)
		expect(item.error === undefined || typeof item.error === 'string').toBe(true);
	operation.checkState(emu, output, before, input, fault);
	// whatever the server echoed, the key is nowhere in the run: output, errors, run data, log lines
	expect(JSON.stringify(run.data) + run.logs.join('\n')).not.toContain(API_KEY);
	expect(run.logs.length).toBeGreaterThan(0);

	if (operation.method === 'POST') {
		// No customer is ever sent in a request the API carried out more than once (the emulator would
		// refuse a duplicate email anyway, so this is checked on the request log, not on the state).
		const acted = emu.requests.filter(
			(entry) =>
				entry.method === 'POST' &&
				(entry.fault ? writesAndActs(operation, fault) : entry.status === 200),
		);
		input.forEach(({ email }, i) => {
			const times = acted.filter((entry) =>
				JSON.stringify(entry.body).includes(`"${String(email)}"`),
			).length;
			// a success was written once; an error after a transient fault was written by the failed request
			const expected = output[i].error && !fault.transient ? 0 : 1;
			expect(`${String(email)} written ${times}×`).toBe(`${String(email)} written ${expected}×`);
		});
		// and a create is never sent again after a failure where the API may have acted (429s are turned away unread)
		if (fault.transient)
			expect(
				emu.requests.filter((entry) => entry.method === 'POST' && entry.status !== 429),
			).toHaveLength(2);
	}
	const errors = output.filter((item) => item.error);
	const retried = emu.requests.filter((entry) => entry.fault).length;
	const outcome =
		errors.length === 0
			? `all ok after ${retried} fault${retried === 1 ? '' : 's'}`
			: `${errors.length} error item(s): ${String(errors[0].error)}`;
	return { outcome, run, errors };
}

/** For writes, a transient fault is injected after the API carried out the request: the worst case. */
function writesAndActs(operation: Operation, fault: Fault): boolean {
	return operation.method !== 'GET' && fault.transient;
}

export function writeMatrix(file: string, title: string, results: CaseResult[]): string {
	const operations = [...new Set(results.map((result) => result.operation))];
	const lines = [
		`# ${title}`,
		'',
		"Written by `npm run test:matrix` (the fault-matrix tests with CAF_WRITE_MATRIX=1; `npm test` runs the same checks and leaves this file alone), with Continue On Fail. Every cell also checks: one output item per input item (per customer read for Get Many), each paired to its input; the emulator's state shows nothing lost and nothing written twice; a create is never re-sent after a failure where the API may have acted. Every fault that replies echoes the API key in its message, body and headers; the key must appear nowhere in the run data or the log lines. Cells with errors are also run without Continue On Fail, where the execution must stop with the API's message, the item and the status.",
		'',
		`| fault | ${operations.join(' | ')} |`,
		`|---|${operations.map(() => '---').join('|')}|`,
		...FAULTS.map(
			(fault) =>
				`| ${fault.name} | ${operations
					.map(
						(operation) =>
							results.find(
								(result) => result.operation === operation && result.fault === fault.name,
							)?.outcome ?? '—',
					)
					.join(' | ')} |`,
		),
		'',
	];
	const text = lines.join('\n');
	// Written only when asked (`npm run test:matrix`), so that `npm test` leaves the tree clean. The tables
	// document the default reading of the rate limit; runs under the other readings only check.
	const reading = process.env.CAF_EMULATOR_RATE_READING ?? 'spacing';
	if (process.env.CAF_WRITE_MATRIX === '1' && reading === 'spacing')
		writeFileSync(join(__dirname, file), text);
	return text;
}
