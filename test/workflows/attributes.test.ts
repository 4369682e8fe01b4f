import type { Emulator } from '../../tools/emulator';
import { runNode, useEmulator } from './setup';

// Belongs in upsert.test.ts (left alone while another change edits it): move it there when merging.

describe("Create or Update › Shopify's customer attributes", () => {
	let emu: Emulator;
	useEmulator({ customers: 5 }, (started) => (emu = started));

	it('Create or Update writes the attributes on both paths', async () => {
		const existing = emu.customers[2];
		const parameters = {
			resource: 'customer',
			operation: 'upsert',
			email: '={{ $json.email }}',
			additionalFields: { taxExempt: true, marketingOptInLevel: 'single_opt_in' },
			options: { lookUpMethod: 'perItem' },
		};
		const result = await runNode(emu, parameters, { inputItems: [{ email: existing.email }, { email: 'tax@example.com' }] });
		expect(result.error).toBeUndefined();
		for (const email of [existing.email, 'tax@example.com']) {
			expect(emu.customers.find((customer) => customer.email === email)).toMatchObject({ tax_exempt: true, marketing_opt_in_level: 'single_opt_in' });
		}
	});
});
