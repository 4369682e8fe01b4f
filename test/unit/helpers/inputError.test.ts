import { InputError } from '../../../nodes/CustomerAccountFields/helpers/inputError';

describe('InputError', () => {
	it('is an Error named InputError, with the message and the description', () => {
		const error = new InputError('Email: needed', 'Map the email address of each item.');
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('InputError');
		expect(String(error)).toBe('InputError: Email: needed');
		expect(error.description).toBe('Map the email address of each item.');
	});
});
