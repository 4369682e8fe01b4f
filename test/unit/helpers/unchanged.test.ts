import type { IDataObject } from 'n8n-workflow';

import { buildCustomerPayload } from '../../../nodes/CustomerAccountFields/helpers/customerPayload';
import {
	ALWAYS_WRITTEN,
	changedAttributes,
	isUnchanged,
} from '../../../nodes/CustomerAccountFields/helpers/unchanged';

// A customer as the API returns it (seed 001, with seed 002's attributes).
const customer = {
	id: 6940095564123,
	email: 'Ann.Lee@Example.com',
	first_name: 'Ann',
	last_name: 'Lee',
	phone: '+16135551212',
	tags: 'vip, wholesale',
	note: null,
	accepts_marketing: true,
	accepts_marketing_updated_at: '2026-02-09T13:49:58-05:00',
	marketing_opt_in_level: 'confirmed_opt_in',
	multipass_identifier: null,
	tax_exempt: false,
	tax_exemptions: ['CA_STATUS_CARD_EXEMPTION', 'CA_BC_RESELLER_EXEMPTION'],
	verified_email: true,
	state: 'enabled',
	customer_fields: [
		{
			machine_name: 'loyalty_tier',
			label: 'Loyalty Tier',
			value: 'gold',
			created_at: 1,
			updated_at: 2,
		},
		{ machine_name: 'points', label: 'Points', value: '120', created_at: 1, updated_at: 2 },
		{
			machine_name: 'newsletter',
			label: 'Newsletter',
			value: 'true',
			created_at: 1,
			updated_at: 2,
		},
	],
};

describe('changedAttributes', () => {
	it('finds nothing to write when the customer holds every value, as the API normalised it', () => {
		const write = buildCustomerPayload(
			{
				email: ' ann.lee@example.COM ',
				firstName: 'Ann',
				phone: '+1 (613) 555-1212',
				tags: 'wholesale, vip, vip',
				acceptsMarketing: true,
				acceptsMarketingUpdatedAt: '2026-02-09T18:49:58Z',
				marketingOptInLevel: 'confirmed_opt_in',
				taxExempt: 'false',
				taxExemptions: 'ca_bc_reseller_exemption, CA_STATUS_CARD_EXEMPTION',
				verifiedEmail: true,
			},
			[
				{ name: 'loyalty_tier', value: 'gold' },
				{ name: 'points', value: 120 },
				{ name: 'newsletter', value: true },
				{ name: 'birthday', value: '' },
			],
		);
		expect(changedAttributes({ id: customer.id, ...write }, customer)).toEqual([]);
		expect(isUnchanged(write, customer)).toBe(true);
	});

	it('names each attribute whose value differs', () => {
		const write = buildCustomerPayload(
			{
				email: 'ann@example.com',
				firstName: 'ann',
				lastName: 'Lee',
				note: 'VIP',
				tags: 'vip',
				acceptsMarketing: false,
			},
			[
				{ name: 'loyalty_tier', value: 'silver' },
				{ name: 'points', value: '120.0' },
				{ name: 'birthday', value: '1990-01-01' },
			],
		);
		expect(changedAttributes(write, customer)).toEqual([
			'email',
			'first_name',
			'tags',
			'note',
			'accepts_marketing',
			'customer_fields.loyalty_tier',
			'customer_fields.points',
			'customer_fields.birthday',
		]);
		expect(isUnchanged(write, customer)).toBe(false);
	});

	it('compares tags as a set, tax exemptions as a set, and dates as instants', () => {
		expect(changedAttributes({ tags: 'wholesale,vip' }, customer)).toEqual([]);
		expect(changedAttributes({ tags: 'vip, wholesale, new' }, customer)).toEqual(['tags']);
		expect(changedAttributes({ tags: 'vip' }, { ...customer, tags: '' })).toEqual(['tags']);
		expect(changedAttributes({ tax_exemptions: ['CA_STATUS_CARD_EXEMPTION'] }, customer)).toEqual([
			'tax_exemptions',
		]);
		expect(
			changedAttributes({ accepts_marketing_updated_at: '2026-02-09T13:49:59-05:00' }, customer),
		).toEqual(['accepts_marketing_updated_at']);
	});

	it('compares a phone only with its country code: without one the API chooses the country', () => {
		expect(changedAttributes({ phone: '+16135551212' }, customer)).toEqual([]);
		expect(changedAttributes({ phone: '6135551212' }, customer)).toEqual(['phone']);
		expect(changedAttributes({ phone: '+16135551213' }, customer)).toEqual(['phone']);
		expect(changedAttributes({ phone: '+16135551212' }, { ...customer, phone: null })).toEqual([
			'phone',
		]);
	});

	it('always writes what the API does not return or acts on each time it is sent', () => {
		for (const key of ALWAYS_WRITTEN)
			expect(
				changedAttributes(
					{ [key]: key === 'addresses' || key === 'metafields' ? [] : true },
					customer,
				),
			).toEqual([key]);
		const withPassword = buildCustomerPayload({ email: customer.email, password: 'secret-1' }, []);
		expect(changedAttributes(withPassword, customer)).toEqual([
			'password',
			'password_confirmation',
		]);
		const invite = buildCustomerPayload({ email: customer.email, sendEmailInvite: true }, []);
		expect(changedAttributes(invite, { ...customer, state: 'invited' })).toEqual([
			'send_email_invite',
		]);
	});

	it('always writes an attribute the customer lacks (not returned) or this module does not know', () => {
		const withoutName: IDataObject = { ...customer };
		delete withoutName.first_name;
		expect(changedAttributes({ first_name: 'Ann' }, withoutName)).toEqual(['first_name']);
		expect(
			changedAttributes({ first_name: 'Ann' }, { ...customer, customer_fields: undefined }),
		).toEqual([]);
		expect(changedAttributes({ state: 'enabled' }, customer)).toEqual(['state']);
		expect(
			changedAttributes(
				{ customer_fields: { loyalty_tier: 'gold' } },
				{ ...customer, customer_fields: undefined },
			),
		).toEqual(['customer_fields.loyalty_tier']);
		expect(
			changedAttributes({ first_name: 5 as unknown as string }, { ...customer, first_name: '5' }),
		).toEqual(['first_name']);
	});

	it('treats an empty text as the null the API stores', () => {
		expect(changedAttributes({ note: null, multipass_identifier: '' }, customer)).toEqual([]);
		expect(changedAttributes({ last_name: null }, customer)).toEqual(['last_name']);
	});

	describe('empty custom field values', () => {
		const write = buildCustomerPayload(
			{},
			[
				{ name: 'loyalty_tier', value: '' },
				{ name: 'birthday', value: null },
			],
			true,
		);

		it('change nothing without Delete Empty Fields', () => {
			expect(changedAttributes(write, customer)).toEqual([]);
		});

		it('with Delete Empty Fields, change a field the customer holds and leave one it lacks', () => {
			expect(changedAttributes(write, customer, { deleteEmptyFields: true })).toEqual([
				'customer_fields.loyalty_tier',
			]);
			const emptyTier = {
				...customer,
				customer_fields: [{ machine_name: 'loyalty_tier', value: '' }],
			};
			expect(changedAttributes(write, emptyTier, { deleteEmptyFields: true })).toEqual([]);
		});
	});

	it('compares custom field values as text, by machine name, whatever their order', () => {
		const reordered = { ...customer, customer_fields: [...customer.customer_fields].reverse() };
		expect(
			changedAttributes(
				{ customer_fields: { newsletter: true, points: 120, loyalty_tier: 'gold' } },
				reordered,
			),
		).toEqual([]);
		expect(changedAttributes({ customer_fields: { newsletter: 'TRUE' } }, customer)).toEqual([
			'customer_fields.newsletter',
		]);
		expect(changedAttributes({ customer_fields: { constructor: 'x' } }, customer)).toEqual([
			'customer_fields.constructor',
		]);
	});

	it('does not change its inputs', () => {
		const copy = structuredClone(customer);
		changedAttributes({ tags: 'a', customer_fields: { points: 1 } }, customer, {
			deleteEmptyFields: true,
		});
		expect(customer).toEqual(copy);
	});

	it('lists exactly the always-written attributes when the customer holds every value as sent', () => {
		const write: IDataObject = {
			email: 'ann.lee@example.com',
			first_name: 'Ann',
			password: 'secret-1',
			password_confirmation: 'secret-1',
			send_email_invite: true,
			send_email_welcome: false,
			addresses: [{ city: 'Ottawa' }],
			metafields: [{ key: 'k', value: 'v' }],
		};
		expect(changedAttributes(write, { ...write })).toEqual(ALWAYS_WRITTEN);
	});

	it('compares emails trimmed and case-insensitively on both sides', () => {
		expect(changedAttributes({ email: ' ANN.LEE@EXAMPLE.COM ' }, customer)).toEqual([]);
		expect(
			changedAttributes(
				{ email: 'ann.lee@example.com' },
				{ ...customer, email: ' Ann.Lee@Example.com ' },
			),
		).toEqual([]);
		expect(changedAttributes({ email: 'ann@example.com' }, { ...customer, email: null })).toEqual([
			'email',
		]);
	});

	it.each([
		['a number for a text', { first_name: 5 }, { first_name: 5 }],
		['true/false given as text', { accepts_marketing: 'true' }, { accepts_marketing: 'true' }],
		['no true/false at all', { verified_email: null }, { verified_email: null }],
		[
			'a phone without country code, even if stored the same',
			{ phone: '6135551212' },
			{ phone: '6135551212' },
		],
	])('counts %s as a change', (_, write, stored) => {
		expect(changedAttributes(write as IDataObject, { ...customer, ...stored })).toEqual(
			Object.keys(write),
		);
	});

	it('compares tags as whole names, ignoring empty entries', () => {
		expect(changedAttributes({ tags: 'ab' }, { ...customer, tags: 'ba' })).toEqual(['tags']);
		expect(changedAttributes({ tags: 'vip, retail' }, customer)).toEqual(['tags']);
		expect(changedAttributes({ tags: 'vip,, wholesale, ' }, customer)).toEqual([]);
		expect(changedAttributes({ tags: ['wholesale', ' vip'] }, customer)).toEqual([]);
	});

	it('takes no tags stored (null or not returned) as an empty list', () => {
		expect(changedAttributes({ tags: '' }, { ...customer, tags: null })).toEqual([]);
		expect(changedAttributes({ tags: '' }, { ...customer, tags: undefined })).toEqual([]);
		expect(changedAttributes({ tags: 'vip' }, { ...customer, tags: null })).toEqual(['tags']);
	});

	it('skips attributes whose value is undefined, as JSON would', () => {
		expect(changedAttributes({ id: 1, first_name: undefined, state: undefined }, customer)).toEqual(
			[],
		);
	});

	it('always writes custom fields given as anything but an object of values', () => {
		for (const fields of [null, 'loyalty_tier', [{ machine_name: 'loyalty_tier', value: 'gold' }]])
			expect(changedAttributes({ customer_fields: fields } as IDataObject, customer)).toEqual([
				'customer_fields',
			]);
	});

	it('counts a list or object as a custom field value as a change, even if its text matches', () => {
		expect(
			changedAttributes(
				{ customer_fields: { loyalty_tier: ['gold'], points: { n: 120 } } },
				{
					...customer,
					customer_fields: [
						{ machine_name: 'loyalty_tier', value: 'gold' },
						{ machine_name: 'points', value: '[object Object]' },
					],
				},
			),
		).toEqual(['customer_fields.loyalty_tier', 'customer_fields.points']);
	});

	it('treats an undefined custom field value as empty', () => {
		expect(changedAttributes({ customer_fields: { loyalty_tier: undefined } }, customer)).toEqual(
			[],
		);
	});

	it('skips stored custom fields without a machine name, and reads null or missing values as none', () => {
		const stored = {
			...customer,
			customer_fields: [
				null,
				undefined,
				'loyalty_tier',
				{ value: 'gold' },
				{ machine_name: 'vat', value: null },
				{ machine_name: 'region' },
				{ machine_name: 'points', value: 120 },
			],
		} as unknown as IDataObject;
		expect(
			changedAttributes({ customer_fields: { vat: '', region: '', points: '120' } }, stored, {
				deleteEmptyFields: true,
			}),
		).toEqual([]);
		expect(
			changedAttributes(
				{ customer_fields: { vat: 'null', region: 'undefined', loyalty_tier: 'gold' } },
				stored,
			),
		).toEqual(['customer_fields.vat', 'customer_fields.region', 'customer_fields.loyalty_tier']);
	});
});
