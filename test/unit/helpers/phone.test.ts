import { checkPhone, comparablePhone } from '../../../nodes/CustomerAccountFields/helpers/phone';

describe('phones (seed 002: any spelling of a number dialable from anywhere)', () => {
	it('accepts the four spellings the seed lists, as given', () => {
		for (const phone of ['6135551212', '+16135551212', '(613)555-1212', '+1 613-555-1212'])
			expect(checkPhone(phone)).toBe(phone);
	});
	it('refuses what is not a phone number, too short or too long, or a local number starting with 0', () => {
		for (const phone of [
			'call me',
			'12345',
			'+1234567890123456',
			'0770 090 0123',
			'+0 613 555 1212',
		]) {
			expect(() => checkPhone(phone)).toThrow(
				`Phone: "${phone}" is not a phone number Shopify accepts`,
			);
		}
		expect(() => checkPhone({ n: 1 })).toThrow(
			'Phone: "{"n":1}" is not a phone number Shopify accepts',
		);
	});
	it('compares spellings of one number equal', () => {
		expect(comparablePhone('+1 (613) 555-1212')).toBe('+16135551212');
		expect(comparablePhone('613.555.1212')).toBe('6135551212');
		expect(comparablePhone('ext. 5')).toBe('');
	});
});

describe('phones, as an expression may give them', () => {
	it('reads a number as its digits and anything else as no phone number', () => {
		expect(comparablePhone(6135551212)).toBe('6135551212');
		expect(checkPhone(6135551212)).toBe('6135551212');
		for (const raw of [['6135551212'], null, undefined, true, { n: 6135551212 }])
			expect(comparablePhone(raw)).toBe('');
		expect(() => checkPhone(['+16135551212'])).toThrow(
			'Phone: "["+16135551212"]" is not a phone number Shopify accepts',
		);
	});
	it('refuses a number followed by other text, such as an extension', () => {
		expect(comparablePhone('613 555 1212 ext 5')).toBe('');
		expect(comparablePhone('+1 613 555 1212x')).toBe('');
	});
	it('sends the number without the spaces around it', () => {
		expect(checkPhone(' +1 613-555-1212 ')).toBe('+1 613-555-1212');
	});
	it('tells the user how to write a number Shopify accepts', () => {
		expect(() => checkPhone('12345')).toThrow(
			expect.objectContaining({
				description:
					'Give a number that can be dialled from anywhere, best in E.164 format: +16135551111 (7 to 15 digits).',
			}),
		);
	});
});
