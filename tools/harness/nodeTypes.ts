import { NodeHelpers, UnexpectedError } from 'n8n-workflow';
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';

export type NodeTypeMap = Record<string, INodeType | IVersionedNodeType>;

/** The registry n8n's engine asks for node types: exactly the instances a test registered. */
export class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly types: NodeTypeMap) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (type === undefined) {
			throw new UnexpectedError(
				`Node type "${nodeType}" is not registered with the test harness (registered: ${Object.keys(this.types).join(', ')})`,
			);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

export const START_ITEMS_NODE_TYPE = 'test.startItems';

/**
 * Plays the part of the trigger (or previous node) in front of the node under test: emits fixed items.
 * n8n calls `execute` with its execution context as `this`, so the items are captured in a closure, not
 * put in a parameter: strings such as "={{…}}" reach the next node verbatim, as data from a real node would.
 */
export function startItemsNodeType(items: IDataObject[]): INodeType {
	const description: INodeTypeDescription = {
		displayName: 'Harness Input',
		name: START_ITEMS_NODE_TYPE,
		group: ['input'],
		version: 1,
		description: 'Emits the items given to the test harness',
		defaults: { name: 'Harness Input' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	};
	return {
		description,
		async execute(): Promise<INodeExecutionData[][]> {
			return [items.map((json) => ({ json: structuredClone(json), pairedItem: { item: 0 } }))];
		},
	};
}
