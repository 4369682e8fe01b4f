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
