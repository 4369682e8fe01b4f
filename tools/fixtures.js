'use strict';
/**
 * Data of the e2e run and the `npm start` demo: the emulator's customers, the credential, the example workflows
 * (examples/*.json, run unchanged) and one e2e-only workflow for the operations the examples
 * do not use (Create; Get by admin URL).
 */
const fs = require('fs');
const path = require('path');
const { generateCustomers } = require('./emulator');

const REPO = path.resolve(__dirname, '..');
const EXAMPLES_DIR = path.join(REPO, 'examples');

const NODE_TYPE = 'n8n-nodes-customer-account-fields.customerAccountFields';
const CREDENTIAL_TYPE = 'customerAccountFieldsApi';
/** The examples refer to this credential id; the e2e run imports a credential with it. */
const CREDENTIAL_ID = 'cafCredential001';
const CREDENTIAL_NAME = 'Customer Account Fields account';
const SHOP_DOMAIN = 'demo-shop.myshopify.com';
const API_KEY = 'demo-key';

/** Customers the bulk-update example's sample rows refer to (ids 7100000000001…12), all "bronze" before. */
const BULK_IDS = Array.from({ length: 12 }, (_, i) => String(7100000000001 + i));
/** Two customers the cleanup example must find, whatever the generated data holds. */
const EXTRA_TEST_CUSTOMERS = [
	{
		id: 7100000000101,
		email: 'qa.test+101@example.com',
		first_name: 'Test',
		last_name: 'Order',
		tags: ['test'],
	},
	{
		id: 7100000000102,
		email: 'test.checkout+102@example.com',
		first_name: 'Test',
		last_name: 'Checkout',
		tags: ['test', 'b2b'],
	},
];

function readExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')),
		}));
}

/** The emulator's starting state: 300 generated customers (seed 1) plus the fixed ones above. */
function seedCustomers(examples) {
	const bulk = examples.map((e) => e.workflow).find((w) => w.id === 'cafExampleBulkUpd1');
	let rows = [];
	if (bulk) {
		const rowsNode = bulk.nodes.find((n) => n.parameters && n.parameters.mode === 'raw');
		rows = JSON.parse(rowsNode.parameters.jsonOutput).rows;
	}
	const bulkCustomers = rows.map((row) => {
		const [first, last] = row.email.split('@')[0].split('.');
		const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
		return {
			id: Number(row.customer_id),
			email: row.email,
			first_name: cap(first),
			last_name: cap(last || ''),
			tags: ['returning'],
			customer_fields: { loyalty_tier: 'bronze', preferred_language: 'en' },
		};
	});
	return [...generateCustomers(300, { seed: 1 }), ...bulkCustomers, ...EXTRA_TEST_CUSTOMERS];
}

function credential(emulatorBaseUrl) {
	return {
		id: CREDENTIAL_ID,
		name: CREDENTIAL_NAME,
		type: CREDENTIAL_TYPE,
		data: { shopDomain: SHOP_DOMAIN, apiKey: API_KEY, baseUrl: emulatorBaseUrl, rateLimit: 1 },
	};
}

const CRED_REF = { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };

const NEW_CUSTOMERS = [
	{
		email: 'nia.adeyemi@example.com',
		first_name: 'Nia',
		tags: 'newsletter, e2e',
		loyalty_tier: 'silver',
		accepts_marketing: true,
	},
	{
		email: 'oskar.lind@example.com',
		first_name: 'Oskar',
		tags: 'e2e',
		loyalty_tier: 'gold',
		accepts_marketing: false,
	},
];

/** e2e-only: Create (two items, one batch) and Get by admin URL, both started by the Manual Trigger. */
const createAndGetWorkflow = {
	id: 'cafE2eCreateGet01',
	name: 'E2E: create customers, get one by URL',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'e2e-cg-1',
			name: 'Run now',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'e2e-cg-2',
			name: 'New customers',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, -100],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ rows: NEW_CUSTOMERS }), options: {} },
		},
		{
			id: 'e2e-cg-3',
			name: 'One item per row',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [440, -100],
			parameters: { fieldToSplitOut: 'rows', options: {} },
		},
		{
			id: 'e2e-cg-4',
			name: 'Create customers',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [660, -100],
			credentials: CRED_REF,
			parameters: {
				resource: 'customer',
				operation: 'create',
				email: '={{ $json.email }}',
				additionalFields: {
					firstName: '={{ $json.first_name }}',
					tags: '={{ $json.tags }}',
					acceptsMarketing: '={{ $json.accepts_marketing }}',
				},
				customFields: { field: [{ name: 'loyalty_tier', value: '={{ $json.loyalty_tier }}' }] },
				options: {},
			},
		},
		{
			id: 'e2e-cg-5',
			name: 'Get by admin URL',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [220, 120],
			credentials: CRED_REF,
			parameters: {
				resource: 'customer',
				operation: 'get',
				customerId: {
					__rl: true,
					mode: 'url',
					value: `https://admin.shopify.com/store/demo-shop/customers/${BULK_IDS[0]}`,
				},
				options: {},
			},
		},
	],
	connections: {
		'Run now': {
			main: [
				[
					{ node: 'New customers', type: 'main', index: 0 },
					{ node: 'Get by admin URL', type: 'main', index: 0 },
				],
			],
		},
		'New customers': { main: [[{ node: 'One item per row', type: 'main', index: 0 }]] },
		'One item per row': { main: [[{ node: 'Create customers', type: 'main', index: 0 }]] },
	},
};

module.exports = {
	REPO,
	EXAMPLES_DIR,
	NODE_TYPE,
	CREDENTIAL_TYPE,
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	SHOP_DOMAIN,
	API_KEY,
	BULK_IDS,
	EXTRA_TEST_CUSTOMERS,
	NEW_CUSTOMERS,
	readExamples,
	seedCustomers,
	credential,
	createAndGetWorkflow,
};
