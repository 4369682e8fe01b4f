/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
// One Customer Account Fields node run through n8n's engine against the emulator: what the workflow
// tests (test/workflows/setup.ts) and the engine-harness benches (bench/lib.ts) share.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CustomerAccountFieldsApi } from '../../credentials/CustomerAccountFieldsApi.credentials';
import { CustomerAccountFields } from '../../nodes/CustomerAccountFields/CustomerAccountFields.node';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator';
import { runWorkflow, type RunResult } from './runWorkflow';

export const NODE_TYPE = 'n8n-nodes-customer-account-fields.customerAccountFields';
export const NODE_NAME = 'Customer Account Fields';
export const API_KEY = 'cafk_live_7c1e9b2f44d0a8e3-secret';

/** Fast test settings: the emulator allows 1 request per 50 ms, and the credential asks for 20/s: exactly the limit. */
export const FAST = { windowMs: 50, rateLimit: 1 };
export const FAST_CREDENTIAL_RATE = 20;

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	return await startEmulator({
		shopDomain: 'test-shop.myshopify.com',
		apiKey: API_KEY,
		customers: 0,
		...FAST,
		...options,
	});
}

/** The engine's credential settings for a node against `emu`: its shop, key and URL, at `rateLimit` requests per second. */
export function emulatorCredential(
	emu: Emulator,
	rateLimit = FAST_CREDENTIAL_RATE,
	extra?: IDataObject,
) {
	return {
		credentialTypes: { customerAccountFieldsApi: new CustomerAccountFieldsApi() },
		credentials: {
			customerAccountFieldsApi: {
				shopDomain: emu.shopDomain,
				apiKey: emu.apiKey,
				baseUrl: emu.baseUrl,
				rateLimit,
				...extra,
			},
		},
	};
}

export interface RunNodeOptions {
	inputItems?: IDataObject[];
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	credential?: IDataObject;
	/** Stop the execution after this many ms (see RunOptions.cancelAfterMs). */
	cancelAfterMs?: number;
	/** Run the node as n8n serves it to an AI agent: type `…customerAccountFieldsTool`, description named likewise. */
	asTool?: boolean;
}

/** The node as n8n's convertNodeToAiTool serves it to agents (its name plus "Tool"); it keeps main in/outputs here so the harness can feed it. */
export function toolVariant(): CustomerAccountFields {
	const node = new CustomerAccountFields();
	node.description = {
		...structuredClone(node.description),
		name: `${node.description.name}Tool`,
		displayName: `${node.description.displayName} Tool`,
	};
	return node;
}

/** Runs one Customer Account Fields node through n8n's engine, fed with `inputItems` (default: one empty item). */
export async function runNode(
	emu: Emulator,
	parameters: INodeParameters,
	options: RunNodeOptions = {},
): Promise<RunResult> {
	const type = options.asTool ? `${NODE_TYPE}Tool` : NODE_TYPE;
	return await runWorkflow({
		nodes: { [type]: options.asTool ? toolVariant() : new CustomerAccountFields() },
		...emulatorCredential(emu, FAST_CREDENTIAL_RATE, options.credential),
		workflow: {
			nodes: [
				{
					name: NODE_NAME,
					type,
					typeVersion: 1,
					parameters,
					credentials: {
						customerAccountFieldsApi: { id: '1', name: 'Customer Account Fields account' },
					},
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
