/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
import { sharedScheduler } from '../../nodes/CustomerAccountFields/transport/scheduler';
import type { Emulator } from '../../tools/emulator';
import { API_KEY, runNode, startTestEmulator } from '../workflows/setup';
import {
	FAULTS,
	runCase,
	writeMatrix,
	type CaseResult,
	type Fault,
	type Operation,
} from './matrix';

/** How many error items a cell must have: only what no safe retry can fix. */
export function expectedErrors(operation: Operation, fault: Fault): number {
	if (fault.tooLong) return operation.method === 'PUT' || operation.method === 'POST' ? 10 : 1; // the whole batch, not retried
	if (fault.spec.kind === '429') return 0;
	if (fault.transient) return operation.method === 'POST' ? 10 : 0; // idempotent requests are retried
	// a 200 saying "error" is final: a batch is narrowed down item by item, a single request fails
	return operation.method === 'PUT' || operation.method === 'POST' ? 0 : 1;
}

/** Declares the matrix tests for some operations, and writes their table to `file`. */
export function describeMatrix(title: string, file: string, operations: Operation[]): void {
	describe(title, () => {
		let emu: Emulator;
		const results: CaseResult[] = [];
		beforeAll(async () => {
			emu = await startTestEmulator({ customers: 60 });
		});
		// Each case starts with a pacer that has learnt nothing about the shop.
		beforeEach(() => sharedScheduler.forget());
		afterAll(async () => {
			await emu.stop();
			process.stdout.write(`\n${writeMatrix(file, title, results)}\n`);
		});

		for (const operation of operations) {
			for (const fault of FAULTS) {
				it(`${operation.name} × ${fault.name}`, async () => {
					const { outcome, errors } = await runCase(emu, operation, fault);
					results.push({ operation: operation.name, fault: fault.name, outcome });
					const expected = expectedErrors(operation, fault);
					// Batches are pipelined: after a 429 on batch 1, the fault may hit batch 2 (2 items) first; that batch's items fail, no others.
					const batchFailsWhole =
						(operation.method === 'POST' && fault.transient) ||
						(fault.tooLong && ['POST', 'PUT'].includes(operation.method));
					if (batchFailsWhole) expect([expected, 2]).toContain(errors.length);
					else expect(errors).toHaveLength(expected);
					if (operation.method === 'POST' && fault.transient) {
						const run = errors[0] as { error: string };
						expect(run.error.length).toBeGreaterThan(0);
					}
					if (errors.length === 0) return;

					// Without Continue On Fail the execution stops, naming the item, the status and the API's message.
					emu.reset({ customers: 60 });
					emu.queueFault({
						...fault.spec,
						method: operation.method,
						nth: operation.nth,
						...(fault.transient && operation.method !== 'GET' ? { afterWrite: true } : {}),
					});
					const parameters = fault.options
						? { ...operation.parameters, options: fault.options }
						: operation.parameters;
					const stopped = await runNode(emu, parameters, { inputItems: operation.inputItems(emu) });
					expect(stopped.error?.name).toBe('NodeApiError');
					expect(stopped.error?.message).toBe(errors[0].error);
					const error = stopped.error as unknown as {
						context?: { itemIndex?: number };
						httpCode?: string | null;
						description?: string;
					};
					expect(typeof error.context?.itemIndex).toBe('number');
					if (!['reset', 'slow'].includes(fault.spec.kind))
						expect(error.httpCode).toBe(fault.httpCode ?? fault.spec.kind);
					if (operation.method === 'POST' && fault.transient)
						expect(error.description).toContain('Check in Shopify');
					if (fault.tooLong)
						expect(error.description).toContain('Run the items again after that time');
					expect(JSON.stringify(stopped.data) + stopped.logs.join('\n')).not.toContain(API_KEY);
				});
			}
		}
	});
}
