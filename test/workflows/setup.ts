import type { IDataObject } from 'n8n-workflow';

import { sharedScheduler } from '../../nodes/CustomerAccountFields/transport/scheduler';
import type { Emulator, EmulatorOptions, ResetOptions } from '../../tools/emulator';
import type { RunResult } from '../../tools/harness';
import { NODE_NAME, startTestEmulator } from '../../tools/harness/runNode';

export {
	API_KEY,
	emulatorCredential,
	FAST,
	FAST_CREDENTIAL_RATE,
	NODE_NAME,
	NODE_TYPE,
	runNode,
	startTestEmulator,
} from '../../tools/harness/runNode';
export type { RunNodeOptions } from '../../tools/harness/runNode';

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
