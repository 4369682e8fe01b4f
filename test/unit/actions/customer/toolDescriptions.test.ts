import {
	NodeHelpers,
	type INode,
	type INodeParameters,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { CustomerAccountFields } from '../../../../nodes/CustomerAccountFields/CustomerAccountFields.node';
import {
	TOOL_DESCRIPTIONS,
	TOOL_GET_MANY_LIMIT,
} from '../../../../nodes/CustomerAccountFields/actions/customer/toolDescriptions';

const action = new CustomerAccountFields().description;

/** The description n8n serves to agents: a copy named "<name>Tool" (n8n's convertNodeToAiTool; it adds no toolDescription when the node has one). */
function toolVariant(description: INodeTypeDescription): INodeTypeDescription {
	const copy = structuredClone(description);
	return { ...copy, name: `${copy.name}Tool`, displayName: `${copy.displayName} Tool` };
}

/** What n8n fills in for a node saved with `saved` (the editor saves no parameter at its default). */
function resolved(description: INodeTypeDescription, saved: INodeParameters): INodeParameters {
	const node = {
		name: 'n',
		type: `pkg.${description.name}`,
		typeVersion: 1,
		parameters: saved,
		position: [0, 0],
	} as unknown as INode;
	return (
		NodeHelpers.getNodeParameters(description.properties, saved, true, false, node, description) ??
		{}
	);
}

describe('the tool variant (n8n `@tool` display condition)', () => {
	const tool = toolVariant(action);

	it('leaves the action node as it was: Get and Get Many saved without Output still give Raw, Get Many 50, no tool description', () => {
		expect(resolved(action, { operation: 'get' })).toMatchObject({ output: 'raw' });
		expect(resolved(action, { operation: 'get' })).not.toHaveProperty('toolDescription');
		expect(resolved(action, { operation: 'getAll' })).toMatchObject({
			output: 'raw',
			returnAll: false,
			limit: 50,
		});
	});

	it('defaults to Simplified and a Get Many of 15 customers when the node is a tool', () => {
		expect(resolved(tool, { operation: 'get' })).toMatchObject({ output: 'simplified' });
		expect(resolved(tool, { operation: 'getAll' })).toMatchObject({
			output: 'simplified',
			returnAll: false,
			limit: TOOL_GET_MANY_LIMIT,
		});
		expect(resolved(tool, { operation: 'getAll', returnAll: true })).not.toHaveProperty('limit');
		expect(resolved(tool, { operation: 'get', output: 'raw' })).toMatchObject({ output: 'raw' });
	});

	it.each([
		['action', action],
		['tool', tool],
	])('shows one Output and one Limit in the %s node', (_, description) => {
		const values = { resource: 'customer', operation: 'getAll', returnAll: false };
		const node = {
			name: 'n',
			type: `pkg.${description.name}`,
			typeVersion: 1,
			parameters: values,
		} as unknown as INode;
		const shown = description.properties.filter((property) =>
			NodeHelpers.displayParameter(values, property, node, description),
		);
		expect(shown.filter((property) => property.name === 'output')).toHaveLength(1);
		expect(shown.filter((property) => property.name === 'limit')).toHaveLength(1);
		expect(shown.filter((property) => property.name === 'toolDescription')).toHaveLength(
			description === tool ? 1 : 0,
		);
	});

	it.each(Object.keys(TOOL_DESCRIPTIONS))(
		'describes %s to the model: its own text, with the API cost, within OpenAI’s 1,024 characters',
		(operation) => {
			const parameters = resolved(tool, { operation });
			expect(parameters.toolDescription).toBe(TOOL_DESCRIPTIONS[operation]);
			expect(parameters.toolDescription).toMatch(/Cost: (\d|2 API)/);
			expect(String(parameters.toolDescription).length).toBeLessThanOrEqual(1024);
			// n8n gives the agent the node's toolDescription unless descriptionType is "auto" (which it then does not add).
			expect(
				NodeHelpers.getToolDescriptionForNode(
					{ parameters } as unknown as INode,
					{ description: tool } as never,
				),
			).toBe(TOOL_DESCRIPTIONS[operation]);
		},
	);

	it('has a description for every operation the node offers', () => {
		const operation = action.properties.find((property) => property.name === 'operation');
		expect(Object.keys(TOOL_DESCRIPTIONS).sort()).toEqual(
			(operation?.options as Array<{ value: string }>).map((option) => option.value).sort(),
		);
	});
});
