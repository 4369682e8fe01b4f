/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
/**
 * n8n-core's own copies of its DI container and Logger class.
 *
 * n8n-core ships nested copies of `@n8n/di` and `@n8n/backend-common` (node_modules/n8n-core/node_modules/@n8n/…)
 * whose versions differ from the hoisted ones that `@n8n/node-cli` brings. The DI container is keyed by class
 * identity, so `import { Container } from '@n8n/di'` here would get the *hoisted* copy: a different container,
 * and `Container.set(Logger, …)` would never reach the nodes. Resolving from n8n-core's directory gets the same
 * module files n8n-core itself loads (inside Jest: the same module registry entry).
 */
import * as path from 'node:path';

import type { Logger as WorkflowLogger } from 'n8n-workflow';

const coreDir = path.dirname(require.resolve('n8n-core/package.json'));

function requireFromCore<T>(id: string): T {
	return require(require.resolve(id, { paths: [coreDir] })) as T;
}

type Constructor = abstract new (...args: never[]) => unknown;

export interface DiContainer {
	get<T>(type: abstract new (...args: never[]) => T): T;
	set(type: Constructor, instance: unknown): void;
	has(type: Constructor): boolean;
}

export const { Container } = requireFromCore<{ Container: DiContainer }>('@n8n/di');

/** The class n8n-core resolves `this.logger` of every node execution context from. */
export const { Logger: CoreLoggerClass } = requireFromCore<{
	Logger: abstract new (...args: never[]) => WorkflowLogger;
}>('@n8n/backend-common');
