import type { IExecuteFunctions, NodeExecutionHint } from 'n8n-workflow';

/** Shows a hint in the output panel; older n8n gives a node that runs as an AI tool no addExecutionHints. */
export function addHint(context: IExecuteFunctions, hint: NodeExecutionHint): void {
	if (typeof context.addExecutionHints === 'function') context.addExecutionHints(hint);
}
