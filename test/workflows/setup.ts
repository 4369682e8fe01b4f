/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CustomerAccountFieldsApi } from '../../credentials/CustomerAccountFieldsApi.credentials';
import { CustomerAccountFields } from '../../nodes/CustomerAccountFields/CustomerAccountFields.node';
import { sharedScheduler } from '../../nodes/CustomerAccountFields/transport/scheduler';
import { startEmulator, type Emulator, type EmulatorOptions, type ResetOptions } from '../emulator';
import { runWorkflow, type RunResult } from '../harness';

export const NODE_TYPE = 'n8n-nodes-customer-account-fields.customerAccountFields';
export const NODE_NAME = 'Customer Account Fields';
export const API_KEY = 'cafk_live_7c1e9b2f44d0a8e3-secret';

/** Fast test settings: the emulator allows 1 request per 50 ms, and the credential asks for 20/s: exactly the limit. */
export const FAST = { windowMs: 50, rateLimit: 1 };
export const FAST_CREDENTIAL_RATE = 20;

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	return await startEmulator({ shopDomain: 'test-shop.myshopify.com', apiKey: API_KEY, customers: 0, ...FAST, ...options });
}

/**
 * One emulator for a describe block, started with `state` and reset to it before each test;
 * `assign` receives it (tests keep a plain `let emu`).
 */
export function useEmulator(state: ResetOptions, assign: (emu: Emulator) => void): void {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startTestEmulator(state as EmulatorOptions);
		assign(emu);
	});
	afterAll(async () => await emu.stop());
	beforeEach(() => {
		emu.reset(state);
		// Each test starts with a pacer that has learnt nothing about the shop.
		sharedScheduler.forget();
	});
}

export interface RunNodeOptions {
	inputItems?: IDataObject[];
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	credential?: IDataObject;
	/** Stop the execution after this many ms (see RunOptions.cancelAfterMs). */
	cancelAfterMs?: number;
}

/** Runs one Customer Account Fields node through n8n's engine, fed with `inputItems` (default: one empty item). */
export async function runNode(emu: Emulator, parameters: INodeParameters, options: RunNodeOptions = {}): Promise<RunResult> {
	return await runWorkflow({
		nodes: { [NODE_TYPE]: new CustomerAccountFields() },
		credentialTypes: { customerAccountFieldsApi: new CustomerAccountFieldsApi() },
		credentials: {
			customerAccountFieldsApi: {
				shopDomain: emu.shopDomain,
				apiKey: emu.apiKey,
				baseUrl: emu.baseUrl,
				rateLimit: FAST_CREDENTIAL_RATE,
				...options.credential,
			},
		},
		workflow: {
			nodes: [
				{
					name: NODE_NAME,
					type: NODE_TYPE,
					typeVersion: 1,
					parameters,
					credentials: { customerAccountFieldsApi: { id: '1', name: 'Customer Account Fields account' } },
					...(options.onError ? { onError: options.onError } : {}),
				},
			],
			connections: {},
		},
		inputItems: options.inputItems ?? [{}],
		startAt: NODE_NAME,
		cancelAfterMs: options.cancelAfterMs,
	});
}

export function byId(id: number | string): { __rl: true; mode: string; value: string } {
	return { __rl: true, mode: 'id', value: String(id) };
}

export function jsonOf(result: RunResult): IDataObject[] {
	return result.outputOf(NODE_NAME).map((item) => item.json);
}

export function pairsOf(result: RunResult): number[] {
	return result.outputOf(NODE_NAME).map((item) => (item.pairedItem as { item: number }).item);
}

/** Requests the node sent (all, or of one method). */
export function sent(emu: Emulator, method?: string) {
	return emu.requests.filter((entry) => method === undefined || entry.method === method);
}

/** Requests the API accepted (not answered 429). */
export function accepted(emu: Emulator, method?: string) {
	return sent(emu, method).filter((entry) => entry.status !== 429);
}
