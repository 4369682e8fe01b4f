/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Customer, Emulator, FaultSpec } from '../emulator';
import type { RunResult } from '../harness';
import { jsonOf, pairsOf, runNode } from '../workflows/setup';

export interface Fault {
	name: string;
	spec: Omit<FaultSpec, 'method' | 'nth'>;
	/** The API may have carried out the request although it failed (5xx, reset, timeout, cut-off reply). */
	transient: boolean;
	/** Node options for the case (the slow reply needs a short timeout). */
	options?: INodeParameters;
}

export const FAULTS: Fault[] = [
	{ name: '429, Retry-After: 1', spec: { kind: '429', retryAfter: '1' }, transient: false },
	{ name: '429, no Retry-After', spec: { kind: '429' }, transient: false },
	{ name: '429, Retry-After: 2.0', spec: { kind: '429', retryAfter: '2.0' }, transient: false },
	{ name: '500', spec: { kind: '500', message: 'internal server error' }, transient: true },
	{ name: '502', spec: { kind: '502', message: 'bad gateway' }, transient: true },
	{ name: '503', spec: { kind: '503', message: 'service unavailable' }, transient: true },
	{ name: '504', spec: { kind: '504', message: 'gateway timeout' }, transient: true },
	{ name: 'connection reset', spec: { kind: 'reset' }, transient: true },
	{ name: 'reply slower than the timeout', spec: { kind: 'slow', delayMs: 1500 }, transient: true, options: { timeout: 300 } },
	{ name: 'malformed JSON', spec: { kind: 'malformed' }, transient: true },
	{ name: '200 "status": "error"', spec: { kind: 'status-error', message: 'internal error' }, transient: false },
];

export interface Operation {
	name: string;
	method: 'GET' | 'PUT' | 'POST' | 'DELETE';
	/** Which matching request the fault hits (a later page for Get Many). */
	nth: number;
	parameters: INodeParameters;
	inputItems(emu: Emulator): IDataObject[];
	/** Checks the emulator's state against the output: nothing lost, nothing written twice. */
	checkState(emu: Emulator, output: IDataObject[], before: Customer[], input: IDataObject[]): void;
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
			output.forEach((item, i) => {
				if (!item.error) expect(item.id).toBe(input[i].id);
			});
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
			if (!output.some((item) => item.error)) expect(ids).toHaveLength(before.length);
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
		checkState(emu, output, before, input) {
			input.forEach((item, i) => {
				const copies = emu.customers.filter((customer) => customer.email === item.email).length;
				expect(copies).toBeLessThanOrEqual(1);
				if (!output[i].error) expect(copies).toBe(1);
			});
			const others = emu.customers.filter((customer) => !String(customer.email).startsWith('matrix'));
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
				if (!output[i].error) expect(customer?.note).toBe(`matrix ${item.id}`);
			});
			expect(emu.customers.slice(12)).toEqual(before.slice(12));
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
				if (!output[i].error) expect(present).toBe(false);
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
export async function runCase(emu: Emulator, operation: Operation, fault: Fault): Promise<{ outcome: string; run: RunResult; errors: IDataObject[] }> {
	emu.reset({ customers: 60 });
	const before = JSON.parse(JSON.stringify(emu.customers)) as Customer[];
	const input = operation.inputItems(emu);
	emu.queueFault({ ...fault.spec, method: operation.method, nth: operation.nth, ...(writesAndActs(operation, fault) ? { afterWrite: true } : {}) });
	const parameters = fault.options ? { ...operation.parameters, options: fault.options } : operation.parameters;
	const run = await runNode(emu, parameters, { inputItems: input, onError: 'continueRegularOutput' });
	expect(run.error).toBeUndefined();

	const output = jsonOf(run);
	const pairs = pairsOf(run);
	if (operation.name.startsWith('getAll')) {
		expect(new Set(pairs)).toEqual(new Set([0]));
	} else {
		// exactly one output item per input item, in order, each paired to its input
		expect(pairs).toEqual(input.map((_, i) => i));
	}
	for (const item of output) expect(item.error === undefined || typeof item.error === 'string').toBe(true);
	operation.checkState(emu, output, before, input);

	if (operation.method === 'POST') {
		// No customer is ever sent in a request the API carried out more than once (the emulator would
		// refuse a duplicate email anyway, so this is checked on the request log, not on the state).
		const acted = emu.requests.filter(
			(entry) => entry.method === 'POST' && (entry.fault ? writesAndActs(operation, fault) : entry.status === 200),
		);
		input.forEach(({ email }, i) => {
			const times = acted.filter((entry) => JSON.stringify(entry.body).includes(`"${String(email)}"`)).length;
			// a success was written once; an error after a transient fault was written by the failed request
			const expected = output[i].error && !fault.transient ? 0 : 1;
			expect(`${String(email)} written ${times}×`).toBe(`${String(email)} written ${expected}×`);
		});
		// and a create is never sent again after a failure where the API may have acted
		if (fault.transient) expect(emu.requests.filter((entry) => entry.method === 'POST')).toHaveLength(2);
	}
	const errors = output.filter((item) => item.error);
	const retried = emu.requests.filter((entry) => entry.fault).length;
	const outcome = errors.length === 0 ? `all ok after ${retried} fault${retried === 1 ? '' : 's'}` : `${errors.length} error item(s): ${String(errors[0].error)}`;
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
		'Generated by the fault-matrix tests (`npm test`), with Continue On Fail. Every cell also checks: one output item per input item (per customer read for Get Many), each paired to its input; the emulator\'s state shows nothing lost and nothing written twice; a create is never re-sent after a failure where the API may have acted. Cells with errors are also run without Continue On Fail, where the execution must stop with the API\'s message, the item and the status.',
		'',
		`| fault | ${operations.join(' | ')} |`,
		`|---|${operations.map(() => '---').join('|')}|`,
		...FAULTS.map(
			(fault) =>
				`| ${fault.name} | ${operations
					.map((operation) => results.find((result) => result.operation === operation && result.fault === fault.name)?.outcome ?? '—')
					.join(' | ')} |`,
		),
		'',
	];
	const text = lines.join('\n');
	writeFileSync(join(__dirname, file), text);
	return text;
}
