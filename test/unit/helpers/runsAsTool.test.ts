import { runsAsTool } from '../../../nodes/CustomerAccountFields/helpers/runsAsTool';

describe('runsAsTool', () => {
	it("is true for the node type n8n serves to agents (the name plus 'Tool'), false for the node itself", () => {
		expect(
			runsAsTool({ type: 'n8n-nodes-customer-account-fields.customerAccountFieldsTool' }),
		).toBe(true);
		expect(runsAsTool({ type: 'n8n-nodes-customer-account-fields.customerAccountFields' })).toBe(
			false,
		);
		expect(runsAsTool({ type: 'n8n-nodes-base.toolCode' })).toBe(false);
	});
});
