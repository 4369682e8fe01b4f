import type { INode } from 'n8n-workflow';

/**
 * Whether this node runs as an AI agent's tool. n8n serves a `usableAsTool` node to agents as a
 * second node type, its name plus "Tool" (`customerAccountFieldsTool`); the same test is what n8n's
 * `@tool` display condition makes of the node type (packages/workflow/src/node-helpers.ts).
 */
export function runsAsTool(node: Pick<INode, 'type'>): boolean {
	return node.type.endsWith('Tool');
}
