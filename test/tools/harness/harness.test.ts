/* eslint-disable -- not node code: `npm run lint:tests` lints it with test/eslint.config.mjs */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { NodeOperationError } from 'n8n-workflow';
import type {
	ICredentialType,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { HARNESS_INPUT_NODE_NAME, runWorkflow } from '../../../tools/harness';
import type { RunOptions, WorkflowNodeJson } from '../../../tools/harness';

const API_KEY = 'sk-harness-secret-4f2a9c';
const TOKEN = 'tok-function-form-77b1';

/** A credential like ours: generic header auth with `={{$credentials.…}}`, one property left to its default. */
class HeaderApi implements ICredentialType {
	name = 'harnessHeaderApi';
	displayName = 'Harness Header API';
	properties: ICredentialType['properties'] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Shop Domain', name: 'shopDomain', type: 'string', default: '' },
		{ displayName: 'Region', name: 'region', type: 'string', default: 'eu-default' },
	];
	authenticate: ICredentialType['authenticate'] = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
				'x-shop-domain': '={{ $credentials.shopDomain }}',
				'x-region': '={{$credentials.region}}',
			},
		},
	};
}

/** The other form n8n allows: `authenticate` as a function. */
class FunctionApi implements ICredentialType {
	name = 'harnessFunctionApi';
	displayName = 'Harness Function API';
	properties: ICredentialType['properties'] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
	];
	async authenticate(credentials: { token?: unknown }, requestOptions: IHttpRequestOptions) {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, authorization: `Bearer ${String(credentials.token)}` },
		};
	}
}

/** Calls the server once per item through n8n's authenticated request helper; fails items marked `fail`. */
class EchoNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Echo',
		name: 'harnessEcho',
		group: ['transform'],
		version: 1,
		description: 'Echoes the headers the server received',
		defaults: { name: 'Echo' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [
			{ name: 'harnessHeaderApi', required: false },
			{ name: 'harnessFunctionApi', required: false },
		],
		properties: [
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
			{
				displayName: 'Credential Type',
				name: 'credentialType',
				type: 'string',
				default: 'harnessHeaderApi',
			},
			{ displayName: 'Item ID', name: 'itemId', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const itemId = this.getNodeParameter('itemId', i) as string;
				if (items[i].json.fail === true) {
					throw new NodeOperationError(this.getNode(), `Item ${itemId} was told to fail`, {
						itemIndex: i,
					});
				}
				this.logger.info(`echo: requesting item ${itemId}`, { itemIndex: i });
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					this.getNodeParameter('credentialType', i) as string,
					{
						method: 'GET',
						url: `${this.getNodeParameter('baseUrl', i) as string}/echo/${itemId}`,
						json: true,
					},
				)) as { path: string; headers: IncomingHttpHeaders };
				out.push({
					json: { itemId, path: response.path, headers: response.headers },
					pairedItem: { item: i },
				});
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	}
}

const ECHO_TYPE = 'test.harnessEcho';

let server: Server;
let baseUrl: string;
const received: Array<{ url: string; headers: IncomingHttpHeaders }> = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		received.push({ url: req.url ?? '', headers: req.headers });
		res.setHeader('content-type', 'application/json');
		res.end(JSON.stringify({ path: req.url, headers: req.headers }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
	received.length = 0;
});

function echoNode(overrides: Partial<WorkflowNodeJson> = {}): WorkflowNodeJson {
	return {
		name: 'Echo',
		type: ECHO_TYPE,
		typeVersion: 1,
		parameters: { baseUrl, itemId: '={{ $json.id }}' },
		credentials: { harnessHeaderApi: { id: '1', name: 'Harness header account' } },
		...overrides,
	};
}

function options(overrides: Partial<RunOptions> = {}): RunOptions {
	return {
		nodes: { [ECHO_TYPE]: new EchoNode() },
		credentialTypes: { harnessHeaderApi: new HeaderApi(), harnessFunctionApi: new FunctionApi() },
		credentials: {
			harnessHeaderApi: { apiKey: API_KEY, shopDomain: 'demo.myshopify.com' },
			harnessFunctionApi: { token: TOKEN },
		},
		workflow: { nodes: [echoNode()], connections: {} },
		inputItems: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
		...overrides,
	};
}

describe('engine harness', () => {
	it('sends the generic-authenticate headers over real HTTP, resolved from the credential and its defaults', async () => {
		const result = await runWorkflow(options());

		expect(result.error).toBeUndefined();
		expect(result.data.status).toBe('success');
		expect(received.map((r) => r.url)).toEqual(['/echo/a', '/echo/b', '/echo/c']);
		for (const request of received) {
			expect(request.headers['x-api-key']).toBe(API_KEY);
			expect(request.headers['x-shop-domain']).toBe('demo.myshopify.com');
			expect(request.headers['x-region']).toBe('eu-default');
		}
		expect(result.outputOf('Echo')[0].json.headers).toMatchObject({ 'x-api-key': API_KEY });
		expect(result.credentialRequests.map((r) => r.type)).toEqual(Array(3).fill('harnessHeaderApi'));
	});

	it('applies a function-form authenticate', async () => {
		const result = await runWorkflow(
			options({
				workflow: {
					nodes: [
						echoNode({
							parameters: {
								baseUrl,
								itemId: '={{ $json.id }}',
								credentialType: 'harnessFunctionApi',
							},
							credentials: { harnessFunctionApi: { id: '2', name: 'Harness function account' } },
						}),
					],
					connections: {},
				},
				inputItems: [{ id: 'x' }],
			}),
		);

		expect(result.error).toBeUndefined();
		expect(received).toHaveLength(1);
		expect(received[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(received[0].headers['x-api-key']).toBeUndefined();
	});

	it('keeps each output item paired to its input item', async () => {
		const result = await runWorkflow(options());

		const input = result.outputOf(HARNESS_INPUT_NODE_NAME);
		expect(input.map((i) => i.json.id)).toEqual(['a', 'b', 'c']);
		const output = result.outputOf('Echo');
		expect(output.map((i) => i.json.itemId)).toEqual(['a', 'b', 'c']);
		expect(output.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output.map((i) => i.json.path)).toEqual(['/echo/a', '/echo/b', '/echo/c']);
	});

	it('returns a thrown NodeOperationError as the run error instead of throwing', async () => {
		const result = await runWorkflow(
			options({ inputItems: [{ id: 'a' }, { id: 'b', fail: true }] }),
		);

		expect(result.data.status).toBe('error');
		expect(result.error?.message).toBe('Item b was told to fail');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.runsOf('Echo')[0].error?.message).toBe('Item b was told to fail');
		expect(result.outputOf('Echo')).toEqual([]);
	});

	it('turns an item error into an output item with onError continueRegularOutput', async () => {
		const result = await runWorkflow(
			options({
				workflow: { nodes: [echoNode({ onError: 'continueRegularOutput' })], connections: {} },
				inputItems: [{ id: 'a' }, { id: 'b', fail: true }, { id: 'c' }],
			}),
		);

		expect(result.error).toBeUndefined();
		expect(result.data.status).toBe('success');
		const output = result.outputOf('Echo');
		expect(output.map((i) => i.json)).toEqual([
			expect.objectContaining({ itemId: 'a' }),
			{ error: 'Item b was told to fail' },
			expect.objectContaining({ itemId: 'c' }),
		]);
		expect(output.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(received.map((r) => r.url)).toEqual(['/echo/a', '/echo/c']);
	});

	it('routes an item error to the error output with onError continueErrorOutput', async () => {
		const result = await runWorkflow(
			options({
				workflow: { nodes: [echoNode({ onError: 'continueErrorOutput' })], connections: {} },
				inputItems: [{ id: 'a' }, { id: 'b', fail: true }, { id: 'c' }],
			}),
		);

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Echo', 0).map((i) => i.json.itemId)).toEqual(['a', 'c']);
		// n8n puts the paired input item's fields next to the error.
		expect(result.outputOf('Echo', 1).map((i) => i.json)).toEqual([
			{ id: 'b', fail: true, error: 'Item b was told to fail' },
		]);
	});

	it('captures what a node logs through this.logger (and the key is not in it)', async () => {
		const result = await runWorkflow(options({ inputItems: [{ id: 'logged-item' }] }));

		expect(result.logs).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^info: echo: requesting item logged-item .*itemIndex: 0/),
			]),
		);
		expect(result.logs.join('\n')).not.toContain(API_KEY);
	});

	it('runs a workflow wired through connections, starting at its only root node', async () => {
		const result = await runWorkflow(
			options({
				workflow: {
					nodes: [
						echoNode({ name: 'First' }),
						echoNode({ name: 'Second', parameters: { baseUrl, itemId: '={{ $json.itemId }}-2' } }),
					],
					connections: { First: { main: [[{ node: 'Second', type: 'main', index: 0 }]] } },
				},
				inputItems: [{ id: 'p' }],
			}),
		);

		expect(result.error).toBeUndefined();
		expect(received.map((r) => r.url)).toEqual(['/echo/p', '/echo/p-2']);
		expect(result.outputOf('Second')[0].json.itemId).toBe('p-2');
		expect(() => result.outputOf('Nope')).toThrow('no node named "Nope"');
	});

	it('reports a credential type the test did not provide data for', async () => {
		const result = await runWorkflow(options({ credentials: {} }));

		expect(result.error?.message).toMatch(/no data for credential type "harnessHeaderApi"/);
		expect(received).toHaveLength(0);
	});
});
