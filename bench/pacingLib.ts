/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
// Helpers of the pacing benchmarks (bench/pacing.bench.ts): latency models, "processes" with their own
// pacer, and the figures measured from the emulator's log.
import type { INodeParameters } from 'n8n-workflow';

import type { Emulator, LatencyModel } from '../tools/emulator';
import type { RunNodeOptions } from '../tools/harness/runNode';
import type { RunResult } from '../tools/harness';

export const LATENCY: Record<string, LatencyModel> = {
	fast: { in: [40, 80], server: [50, 250], out: [40, 80] },
	slow: { in: [40, 80], server: [800, 2000], out: [40, 80] },
};
export const LATENCY_LABEL: Record<string, string> = {
	fast: 'in 40–80 ms, server 50–250 ms, out 40–80 ms',
	slow: 'in 40–80 ms, server 800–2,000 ms, out 40–80 ms',
};

type RunNode = (
	emu: Emulator,
	parameters: INodeParameters,
	options?: RunNodeOptions,
) => Promise<RunResult>;

/**
 * A separate "process" on the shop: the node, n8n's engine and the transport loaded in their own module
 * registry, so it has its own process-wide pacer and shares only the API with the others.
 */
export function isolatedProcess(): RunNode {
	let runNode!: RunNode;
	jest.isolateModules(() => {
		runNode = (require('../tools/harness/runNode') as { runNode: RunNode }).runNode;
	});
	return runNode;
}

export { apiView, writtenOnce } from './figures';
export type ApiView = ReturnType<typeof import('./figures').apiView>;
