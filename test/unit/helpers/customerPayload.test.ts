import { buildCustomerPayload } from '../../../nodes/CustomerAccountFields/helpers/customerPayload';

describe('buildCustomerPayload', () => {
	it('maps parameters to the API names and normalises tags', () => {
		expect(
			buildCustomerPayload(
				{
					email: ' a@b.co ',
					firstName: 'Zoë',
					lastName: '',
					tags: 'vip,  b2b ,',
					acceptsMarketing: false,
				},
				[
					{ name: 'loyalty_tier', value: 'gold' },
					{ name: 'company_size', value: 12 },
				],
			),
		).toEqual({
			email: 'a@b.co',
			first_name: 'Zoë',
			tags: 'vip, b2b',
			accepts_marketing: false,
			customer_fields: { loyalty_tier: 'gold', company_size: 12 },
		});
	});
	it('leaves out empty custom field values unless they are to delete the field', () => {
		expect(buildCustomerPayload({}, [{ name: 'vat_number', value: '' }])).toEqual({});
		expect(buildCustomerPayload({}, [{ name: 'vat_number', value: null }], true)).toEqual({
			customer_fields: { vat_number: '' },
		});
	});
	it('refuses bad emails, too many or too long tags, bad and repeated field names', () => {
		expect(() => buildCustomerPayload({ email: 'not-an-email' }, [])).toThrow(
			'Email: "not-an-email" is not a valid email address',
		);
		const many = Array.from({ length: 251 }, (_, i) => `t${i}`).join(',');
		expect(() => buildCustomerPayload({ tags: many }, [])).toThrow(
			'Tags: 251 tags given, Shopify allows at most 250',
		);
		expect(() => buildCustomerPayload({ tags: 'x'.repeat(256) }, [])).toThrow('has 256 characters');
		expect(() => buildCustomerPayload({}, [{ name: 'Loyalty Tier', value: 'x' }])).toThrow(
			'Custom field 1: "Loyalty Tier" is not a custom field machine name',
		);
		expect(() =>
			buildCustomerPayload({}, [
				{ name: 'a', value: 1 },
				{ name: 'a', value: 2 },
			]),
		).toThrow('"a" is set twice');
		expect(() => buildCustomerPayload({}, [{ name: 'a', value: { nested: true } }])).toThrow(
			'the value is an object',
		);
	});
});

describe('payloads, at their edges', () => {
	it('counts tags and tag lengths up to the limits exactly', () => {
		const tags250 = Array.from({ length: 250 }, (_, i) => `t${i}`);
		expect((buildCustomerPayload({ tags: tags250 }, []).tags as string).split(', ')).toHaveLength(
			250,
		);
		expect(buildCustomerPayload({ tags: 'x'.repeat(255) }, []).tags).toHaveLength(255);
		expect(() => buildCustomerPayload({ tags: `ok, ${'y'.repeat(300)}` }, [])).toThrow(
			`Tags: the tag "${'y'.repeat(40)}…" has 300 characters`,
		);
	});

	it('maps every attribute to its API name and leaves out empty ones', () => {
		expect(
			buildCustomerPayload(
				{ lastName: ' Doe ', note: 'n', phone: '+16135551111', firstName: '', email: undefined },
				[],
			),
		).toEqual({ last_name: 'Doe', note: 'n', phone: '+16135551111' });
		expect(() => buildCustomerPayload({ acceptsMarketing: 'yes' as never }, [])).toThrow(
			'Accepts Marketing: "yes" is not true or false',
		);
		expect(() => buildCustomerPayload({ acceptsMarketing: 'xtrue' as never }, [])).toThrow(
			'is not true or false',
		);
		expect(() => buildCustomerPayload({ acceptsMarketing: 'truex' as never }, [])).toThrow(
			'is not true or false',
		);
		expect(() => buildCustomerPayload({ email: 'a@b.co x' }, [])).toThrow(
			'is not a valid email address',
		);
		expect(() =>
			buildCustomerPayload({}, [
				{ name: 'a', value: 1 },
				{ name: 'b', value: 2 },
				{ name: 'a', value: 3 },
			]),
		).toThrow('Custom field 3: "a" is set twice');
		expect(
			buildCustomerPayload(
				{},
				[
					{ name: 'a', value: undefined },
					{ name: 'b', value: ['x', 'y'] },
				],
				true,
			),
		).toEqual({ customer_fields: { a: '', b: ['x', 'y'] } });
	});
});

describe('text attributes of a payload', () => {
	it('refuses a wrong JSON type in every text attribute, naming the field', () => {
		const cases: Array<[string, string]> = [
			['firstName', 'First Name'],
			['lastName', 'Last Name'],
			['phone', 'Phone'],
			['note', 'Note'],
			['email', 'Email'],
		];
		for (const [key, label] of cases) {
			for (const value of [{ a: 1 }, ['a', 'b'], true]) {
				expect(() => buildCustomerPayload({ [key]: value } as never, [])).toThrow(
					`${label}: expected text`,
				);
			}
		}
		expect(() => buildCustomerPayload({ tags: ['vip', { a: 1 }] } as never, [])).toThrow(
			'Tags: expected text, got an object',
		);
		expect(
			buildCustomerPayload({ tags: ['vip', ' b2b '], phone: 16135551111 as never }, []),
		).toEqual({ tags: 'vip, b2b', phone: '16135551111' });
		expect(() => buildCustomerPayload({ acceptsMarketing: { a: 1 } as never }, [])).toThrow(
			'Accepts Marketing: {"a":1} is not true or false',
		);
		expect(buildCustomerPayload({ acceptsMarketing: ' TRUE ' as never }, [])).toEqual({
			accepts_marketing: true,
		});
	});
});

describe('email and custom field names', () => {
	it('wants a dot in the domain part', () => {
		for (const bad of [
			'bob@localhost',
			'bob@',
			'@x.co',
			'bob@x.',
			'bob@.co',
			'bob@x..co',
			'a b@x.co',
			'a@b@x.co',
		]) {
			expect(() => buildCustomerPayload({ email: bad }, [])).toThrow(
				`Email: "${bad}" is not a valid email address`,
			);
		}
		for (const good of ['bob@example.com', 'a.b+c@mail.example.co.uk', 'x@y.io']) {
			expect(buildCustomerPayload({ email: good }, [])).toEqual({ email: good });
		}
	});

	it('writes "constructor" and "prototype" as ordinary names, and refuses "__proto__" clearly', () => {
		const customer = buildCustomerPayload({}, [
			{ name: 'constructor', value: 'a' },
			{ name: 'prototype', value: 'b' },
			{ name: 'toString', value: 'c' },
		]);
		expect(JSON.stringify(customer)).toBe(
			'{"customer_fields":{"constructor":"a","prototype":"b","toString":"c"}}',
		);
		expect(() =>
			buildCustomerPayload({}, [
				{ name: 'constructor', value: 'a' },
				{ name: 'constructor', value: 'b' },
			]),
		).toThrow('"constructor" is set twice');
		expect(() =>
			buildCustomerPayload({}, [
				{ name: 'ok', value: 'a' },
				{ name: '__proto__', value: 'b' },
			]),
		).toThrow('Custom field 2: "__proto__" cannot be sent as a machine name');
	});
});

/** The error a user sees: its message and the hint under it. */
const inputError = (message: string, description: string) =>
	expect.objectContaining({ message, description });

describe('a payload as the user gets it back', () => {
	it('leaves out attributes an expression left null', () => {
		expect(buildCustomerPayload({ firstName: null, note: null } as never, [])).toEqual({});
	});
	it.each([
		['false', false],
		[' False ', false],
		['true', true],
	])('reads Accepts Marketing %p as %p', (given, read) => {
		expect(buildCustomerPayload({ acceptsMarketing: given as never }, [])).toEqual({
			accepts_marketing: read,
		});
	});
	it.each([
		[
			'an email without a dot in the domain',
			{ email: 'bob@localhost' },
			[],
			'Email: "bob@localhost" is not a valid email address',
			'Enter an address like name@example.com.',
		],
		[
			'Accepts Marketing that is not true or false',
			{ acceptsMarketing: 'yes' as never },
			[],
			'Accepts Marketing: "yes" is not true or false',
			'Set it to true or false.',
		],
		[
			'more than 250 tags',
			{ tags: Array.from({ length: 251 }, (_, i) => `t${i}`) },
			[],
			'Tags: 251 tags given, Shopify allows at most 250',
			'Remove some tags.',
		],
		[
			'a tag over 255 characters',
			{ tags: 'z'.repeat(256) },
			[],
			`Tags: the tag "${'z'.repeat(40)}…" has 256 characters, Shopify allows at most 255`,
			'Shorten the tag.',
		],
		[
			'the custom field name "__proto__"',
			{},
			[{ name: '__proto__', value: 'b' }],
			'Custom field 1: "__proto__" cannot be sent as a machine name',
			'Rename the field in the Customer Account Fields app; "__proto__" is reserved in JSON handling.',
		],
		[
			'a custom field set twice',
			{},
			[
				{ name: 'a', value: 1 },
				{ name: 'a', value: 2 },
			],
			'Custom field 2: "a" is set twice',
			'Keep one entry per custom field.',
		],
		[
			'a custom field value that is an object',
			{},
			[{ name: 'a', value: { nested: true } }],
			'Custom field "a": the value is an object',
			'Give a text, number or true/false value; for structured data, convert it with JSON.stringify() in an expression.',
		],
	])('refuses %s, with a hint', (_case, attributes, fields, message, description) => {
		expect(() => buildCustomerPayload(attributes, fields)).toThrow(
			inputError(message, description),
		);
	});
});
