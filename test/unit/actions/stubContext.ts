/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
import type { IExecuteFunctions } from 'n8n-workflow';

import { TEST_NODE } from '../../fixtures/node';

/** Room for 100,000+ items on a busy machine; the tests' CPU budgets (withCpuTime) are what catch a quadratic step. */
export const SCALE_TIMEOUT_MS = 60_000;

/** The parameters of one item, by name ("customFields.field" as one name); undefined means "not set". */
export type ParameterOf = (name: string, itemIndex: number) => unknown;

/**
 * A bare IExecuteFunctions for tests that run an operation's code on hundreds of thousands of items,
 * where n8n's engine (an expression per item and parameter) would take minutes. It offers what the
 * operations call: parameters, the node, Continue On Fail, a silent logger; nothing else.
 */
export function stubContext(
	parameterOf: ParameterOf,
	options: { continueOnFail?: boolean } = {},
): IExecuteFunctions {
	const node = TEST_NODE;
	const silent = () => undefined;
	const context = {
		getNode: () => node,
		continueOnFail: () => options.continueOnFail === true,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) =>
			parameterOf(name, itemIndex) ?? fallback,
		logger: { info: silent, warn: silent, debug: silent, error: silent, verbose: silent },
		addExecutionHints: silent,
	};
	return context as unknown as IExecuteFunctions;
}

/**
 * Runs `work` and returns its result with the CPU time this process spent meanwhile. Unlike wall time,
 * CPU time hardly grows when other processes load the machine, so a budget on it tells a linear step
 * from a quadratic one without flaking.
 */
export async function withCpuTime<T>(
	work: () => Promise<T>,
): Promise<{ result: T; cpuMs: number }> {
	const before = process.cpuUsage();
	const result = await work();
	const used = process.cpuUsage(before);
	return { result, cpuMs: (used.user + used.system) / 1000 };
}
