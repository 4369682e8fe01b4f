'use strict';
/**
 * examples/ai-agent-look-up-and-update-customers.json in a real n8n: its AI Agent talks to a local,
 * scripted OpenAI-compatible stub (lib/stubModel.js) instead of OpenAI. The stub calls the tools n8n
 * offers it, in this order, building each call from the tool's name and JSON schema as n8n sent them:
 *   1. Get customer        customer_id = 7100000000001
 *   2. Set loyalty tier    customer_id = 7100000000001, loyalty_tier = gold
 *   3. Get customer        customer_id = 999999 (no such customer: the model must get an actionable message)
 *   4. Find customers by tag   tag = vip (39 customers in the e2e shop: the tool's default limit applies)
 * then answers in text. Checks: what the tools did against the emulator, the size of every tool result
 * the model read, the tool descriptions it was given, and that the API key never reached it.
 */
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');

const fx = require('../../tools/fixtures');
const { startStubModel } = require('./lib/stubModel');

const WORKFLOW_ID = 'cafExampleAiAgent1';
const OPENAI_CREDENTIAL = { id: 'cafOpenAiCred01', name: 'OpenAI account' };
const MISSING_ID = '999999';
/** Issue 18's targets against the emulator. */
const MAX_CUSTOMER_CHARS = 400;
const MAX_GET_MANY_CHARS = 6000;
const TOOL_GET_MANY_LIMIT = 15;

/**
 * The `@tool` display condition (the tool variant's own defaults) came with n8n-workflow 1.86 (n8n 1.88);
 * n8n 1.85 runs the tool with the action node's defaults (Raw, 50) and n8n's own tool description, and
 * has no AI Agent version 3, which the example uses (1.123 has 3; 2.40 has 3 and 3.1). The agent run
 * is skipped there, with this reason.
 */
function unsupportedReason(version) {
	const [major, minor] = version.split('.').map(Number);
	if (major === 1 && minor < 88) {
		return `n8n ${version} has neither the '@tool' display condition (n8n 1.88+) that gives the tool its own defaults, nor AI Agent version 3, which the example uses`;
	}
	return undefined;
}

const squash = (s) =>
	String(s)
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');

/** The tool n8n sent whose name is the node's (n8n turns "Get customer" into "Get_customer"). */
function toolFor(body, nodeName) {
	const tool = (body.tools || []).find(
		(t) => t.function && squash(t.function.name) === squash(nodeName),
	);
	if (!tool)
		throw new Error(
			`no tool for node "${nodeName}" among ${(body.tools || []).map((t) => t.function && t.function.name).join(', ')}`,
		);
	return tool.function;
}

/** Arguments for `tool` from `values`, keyed by the schema's own property names (the $fromAI keys). */
function argumentsFor(tool, values) {
	const properties = Object.keys((tool.parameters && tool.parameters.properties) || {});
	const missing = Object.keys(values).filter((key) => !properties.includes(key));
	if (missing.length)
		throw new Error(
			`tool ${tool.name} has no parameter ${missing.join(', ')} (has: ${properties.join(', ')})`,
		);
	return values;
}

const SCRIPT = [
	['Get customer', { customer_id: fx.BULK_IDS[0] }],
	['Set loyalty tier', { customer_id: fx.BULK_IDS[0], loyalty_tier: 'gold' }],
	['Get customer', { customer_id: MISSING_ID }],
	['Find customers by tag', { tag: 'vip' }],
];

function decide(body, step) {
	if (step >= SCRIPT.length)
		return { content: 'Customer 7100000000001 is now gold. 15 VIP customers listed.' };
	const [nodeName, values] = SCRIPT[step];
	const tool = toolFor(body, nodeName);
	return { toolCall: { name: tool.name, arguments: argumentsFor(tool, values) } };
}

async function startAgentStub() {
	return await startStubModel({ decide });
}

function credential(stub) {
	return {
		...OPENAI_CREDENTIAL,
		type: 'openAiApi',
		data: { apiKey: 'sk-stub-0000', url: stub.baseUrl },
	};
}

/** The text of each tool result the model read, in order (role "tool" messages of the last request). */
function toolResults(stub) {
	const last = stub.requests.filter((r) => r.body).at(-1);
	assert.ok(last, 'the model was called');
	return last.body.messages
		.filter((m) => m.role === 'tool')
		.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
}

/** Runs the example; `accepted(emu, method)` and `executeOk(cli, id)` come from run.js. */
async function scenario(cli, emu, { stub, executeOk, accepted, n8nVersion }) {
	stub.requests.length = 0;
	const before = emu.customers.find((c) => String(c.id) === fx.BULK_IDS[0]);
	const tierOf = (c) =>
		((c.customer_fields || []).find((f) => f.machine_name === 'loyalty_tier') || {}).value;
	assert.strictEqual(tierOf(before), 'bronze');
	const otherCustomers = JSON.stringify(
		emu.customers.filter((c) => String(c.id) !== fx.BULK_IDS[0]),
	);

	const run = await executeOk(cli, WORKFLOW_ID);
	try {
		return checks(emu, stub, { accepted, n8nVersion, otherCustomers, tierOf });
	} catch (err) {
		const file = path.join(os.tmpdir(), `caf-e2e-stub-model-${process.pid}.json`);
		const model = stub.requests.map(({ url, body, answer }) => ({ url, body, answer }));
		fs.writeFileSync(
			file,
			JSON.stringify({ model, runData: run.data.resultData.runData }, null, 2),
		);
		err.message += `\n    (what the model received and answered: ${file})`;
		throw err;
	}
}

function checks(emu, stub, { accepted, n8nVersion, otherCustomers, tierOf }) {
	const scriptErrors = stub.requests.filter((r) => r.scriptError);
	assert.strictEqual(
		scriptErrors.length,
		0,
		`the stub's script stopped: ${scriptErrors.map((r) => r.scriptError.message).join('; ')}`,
	);
	assert.strictEqual(
		stub.requests.filter((r) => r.unexpected).length,
		0,
		`unexpected requests to the stub: ${stub.requests
			.filter((r) => r.unexpected)
			.map((r) => `${r.method} ${r.url}`)
			.join(', ')}`,
	);
	assert.strictEqual(
		stub.requests.length,
		SCRIPT.length + 1,
		'one model call per tool call, and one for the answer',
	);

	// What the tools did against the API.
	const customer = emu.customers.find((c) => String(c.id) === fx.BULK_IDS[0]);
	assert.strictEqual(tierOf(customer), 'gold', 'Set loyalty tier wrote the tier');
	assert.strictEqual(
		JSON.stringify(emu.customers.filter((c) => String(c.id) !== fx.BULK_IDS[0])),
		otherCustomers,
		'no other customer changed',
	);
	const calls = accepted(emu).map(
		(r) =>
			`${r.method} ${r.path.replace(/^.*\/customers/, '/customers')}${r.query.filters ? ` ${[].concat(r.query.filters).join(',')}` : ''}`,
	);
	assert.deepStrictEqual(
		calls,
		[
			`GET /customers/${fx.BULK_IDS[0]}`,
			'PUT /customers',
			`GET /customers/${MISSING_ID}`,
			'GET /customers tag|equals|"vip"',
		],
		'one request per tool call',
	);
	const put = accepted(emu, 'PUT')[0];
	assert.deepStrictEqual(
		put.body.customers,
		[{ id: Number(fx.BULK_IDS[0]), customer_fields: { loyalty_tier: 'gold' } }],
		'the update sent only the tier',
	);

	// What the model read.
	const results = toolResults(stub);
	assert.strictEqual(results.length, SCRIPT.length, 'one result per tool call');
	const [got, updated, missing, found] = results;
	const gotCustomer = [].concat(JSON.parse(got))[0];
	assert.strictEqual(String(gotCustomer.id), fx.BULK_IDS[0]);
	assert.strictEqual(
		gotCustomer.custom_fields.loyalty_tier,
		'bronze',
		'Get (Simplified) gives custom fields by machine name',
	);
	assert.ok(
		!('customer_fields' in gotCustomer),
		'Get gives the Simplified customer, not the Raw one',
	);
	assert.ok(
		got.length <= MAX_CUSTOMER_CHARS,
		`Get: ${got.length} characters (at most ${MAX_CUSTOMER_CHARS})`,
	);
	assert.match(updated, /loyalty_tier/);
	assert.match(
		missing,
		new RegExp(`No customer with ID ${MISSING_ID}`),
		`the not-found result names the ID: ${missing}`,
	);
	const list = JSON.parse(found);
	assert.strictEqual(
		list.length,
		TOOL_GET_MANY_LIMIT,
		`Get Many as a tool returns ${TOOL_GET_MANY_LIMIT} customers at its defaults (39 match)`,
	);
	assert.ok(
		found.length <= MAX_GET_MANY_CHARS,
		`Get Many: ${found.length} characters for ${list.length} customers (at most ${MAX_GET_MANY_CHARS})`,
	);
	for (const c of list)
		assert.ok(
			JSON.stringify(c).length <= MAX_CUSTOMER_CHARS,
			`customer ${c.id}: ${JSON.stringify(c).length} characters`,
		);

	// The descriptions the model was given: the node's own, with the API cost.
	const tools = stub.requests[0].body.tools.map((t) => t.function);
	for (const tool of tools)
		assert.match(
			tool.description,
			/Cost: \d/,
			`tool ${tool.name} describes its API cost: ${tool.description}`,
		);

	// The API key never reached the model (nor did the emulator's other secret-like value, the shop domain's key header).
	const leaked = stub.requests.filter(
		(r) => r.raw.includes(fx.API_KEY) || JSON.stringify(r.headers).includes(fx.API_KEY),
	);
	assert.strictEqual(
		leaked.length,
		0,
		`the API key reached the model in ${leaked.length} request(s)`,
	);

	return `n8n ${n8nVersion}: ${results.length} tool calls; results of ${results.map((r) => r.length).join(', ')} characters; tier bronze → gold`;
}

module.exports = { WORKFLOW_ID, startAgentStub, credential, scenario, unsupportedReason };
