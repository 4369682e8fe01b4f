import type { INodeProperties } from 'n8n-workflow';

/** How many customers the tool variant's Get Many returns when the user has not set Limit (action node: 50). */
export const TOOL_GET_MANY_LIMIT = 15;

/**
 * What a model reads about each operation: what it does, its main inputs, its API cost. n8n gives an
 * agent the node's `toolDescription` parameter when it has one (packages/core/.../create-node-as-tool.ts
 * via `getToolDescriptionForNode`); without one it adds its own, "<action> in Customer Account Fields".
 */
export const TOOL_DESCRIPTIONS: Record<string, string> = {
	get:
		'Get one Shopify customer with its custom fields. Input: the customer ID (a number such as 6940095564123) or its Shopify admin URL (…/customers/6940095564123). ' +
		'Returns id, email, first_name, last_name, phone, tags, orders_count, total_spent and custom_fields as {machine_name: value}. Cost: 1 API request.',
	getAll:
		`Find Shopify customers. Every filter condition must match. Filter values: text for names, email, phone and tags; numbers for orders_count and total_spent; ` +
		`dates as YYYY-MM-DD; true or false; no double quotes. Custom fields are named by machine name (e.g. loyalty_tier). ` +
		`Returns at most ${TOOL_GET_MANY_LIMIT} customers unless a limit is set. Cost: 1 API request per 50 customers.`,
	create:
		'Create a Shopify customer. Input: email (must be new), first and last name, phone in international format (+ country code), tags separated by commas, ' +
		'custom fields by machine name (e.g. loyalty_tier). The reply has no customer ID: use Get Many with the email to find it. Cost: 1 API request.',
	update:
		'Change one Shopify customer. Input: the customer ID or its admin URL, and only the values to change; a custom field is named by its machine name (e.g. loyalty_tier). ' +
		'An empty value leaves a field unchanged. Returns what was sent. Cost: 1 API request.',
	upsert:
		'Update the Shopify customer with this email (or phone), or create one when none has it. Input: the email or phone and the values to write. ' +
		'Returns result "created" or "updated" and the ID of an updated customer. Cost: 2 API requests (a search, then the write).',
	delete:
		'Delete one Shopify customer for good; it cannot be undone. Input: the customer ID or its Shopify admin URL. Cost: 1 API request.',
};

/**
 * The tool variant's Description parameter, one per operation, shown only in the tool (`@tool`, n8n >= 1.88;
 * an older n8n hides it and describes the tool from the operation's action name).
 */
export const toolDescriptionProperties: INodeProperties[] = Object.entries(TOOL_DESCRIPTIONS).map(
	([operation, text]) => ({
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: text,
		required: true,
		typeOptions: { rows: 4 },
		description:
			'What the AI agent reads about this tool: what it does, what it needs, what it costs',
		displayOptions: { show: { '@tool': [true], resource: ['customer'], operation: [operation] } },
	}),
);
