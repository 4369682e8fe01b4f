import { checkMachineName } from '../../../nodes/CustomerAccountFields/helpers/customFieldName';
import { InputError } from '../../../nodes/CustomerAccountFields/helpers/inputError';
import { inputErrorOf } from '../../fixtures/inputError';

describe('checkMachineName', () => {
	it('returns the machine name trimmed', () => {
		expect(checkMachineName(' loyalty_tier ', 'Custom Field 1')).toBe('loyalty_tier');
		expect(checkMachineName('VAT-number_2', 'Custom Field 1')).toBe('VAT-number_2');
	});

	it.each([[''], ['   '], [undefined], [null], [42]])(
		'says the machine name is empty for %j and where to find one',
		(raw) => {
			expect(inputErrorOf(() => checkMachineName(raw, 'Custom Field 2'))).toBeInstanceOf(
				InputError,
			);
			expect(inputErrorOf(() => checkMachineName(raw, 'Custom Field 2'))).toMatchObject({
				message: "Custom Field 2: the custom field's machine name is empty",
				description:
					'Enter the machine name shown for the field in the Customer Account Fields app, e.g. "loyalty_tier".',
			});
		},
	);

	it.each([['Loyalty Tier'], ['tier!'], ['a'.repeat(65)]])(
		'refuses %j, which is not a machine name, and says what one looks like',
		(raw) => {
			expect(inputErrorOf(() => checkMachineName(raw, 'Custom Field 3'))).toMatchObject({
				message: `Custom Field 3: "${raw}" is not a custom field machine name`,
				description: expect.stringContaining(
					'Machine names contain only letters, digits, "_" and "-" (e.g. "loyalty_tier")',
				),
			});
		},
	);
});
