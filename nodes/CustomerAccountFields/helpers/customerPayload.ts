import type { IDataObject } from 'n8n-workflow';

import { checkMachineName } from './customFieldName';
import { InputError } from './inputError';
import { checkPhone } from './phone';
import { buildShopifyAttributes, type ShopifyAttributes } from './shopifyAttributes';
import { textOf } from './text';

/** The standard customer attributes the node can write, by their parameter names. */
export interface CustomerAttributes extends ShopifyAttributes {
	email?: string;
	firstName?: string;
	lastName?: string;
	phone?: string;
	tags?: string | string[];
	note?: string;
	acceptsMarketing?: boolean;
}

export interface CustomFieldEntry {
	name?: string;
	value?: unknown;
}

type PlainAttribute = Exclude<keyof CustomerAttributes, keyof ShopifyAttributes>;

const LABELS: Record<PlainAttribute, string> = {
	email: 'Email',
	firstName: 'First Name',
	lastName: 'Last Name',
	phone: 'Phone',
	tags: 'Tags',
	note: 'Note',
	acceptsMarketing: 'Accepts Marketing',
};

const API_NAMES: Record<PlainAttribute, string> = {
	email: 'email',
	firstName: 'first_name',
	lastName: 'last_name',
	phone: 'phone',
	tags: 'tags',
	note: 'note',
	acceptsMarketing: 'accepts_marketing',
};

// A dot in the domain part: "bob@localhost" would make the API reject the whole batch of 10.
const EMAIL = /^[^\s@"]+@[^\s@".]+(\.[^\s@".]+)+$/;
const MAX_TAGS = 250;
const MAX_TAG_LENGTH = 255;

/**
 * Builds one customer of a POST/PUT body from the node's parameters.
 * `keepEmptyCustomFields` sends empty custom field values (they then delete the field, with the
 * x-delete-empty-metafields header); otherwise an empty value means "leave unchanged" and is left out.
 */
export function buildCustomerPayload(
	attributes: CustomerAttributes,
	customFields: readonly CustomFieldEntry[],
	keepEmptyCustomFields = false,
): IDataObject {
	const customer: IDataObject = {};
	for (const key of Object.keys(API_NAMES) as PlainAttribute[]) {
		const value = attributes[key];
		if (value === undefined || value === null || value === '') continue;
		customer[API_NAMES[key]] = normaliseAttribute(key, value);
	}
	const fields = buildCustomFields(customFields, keepEmptyCustomFields);
	if (Object.keys(fields).length > 0) customer.customer_fields = fields;
	return Object.assign(customer, buildShopifyAttributes(attributes, Object.keys(customer)));
}

function normaliseAttribute(key: PlainAttribute, value: unknown): string | boolean {
	switch (key) {
		case 'email': {
			const email = textOf(value, LABELS.email).trim();
			if (!EMAIL.test(email)) {
				throw new InputError(
					`Email: "${email}" is not a valid email address`,
					'Enter an address like name@example.com.',
				);
			}
			return email;
		}
		case 'tags':
			return normaliseTags(value);
		case 'phone':
			return checkPhone(textOf(value, LABELS.phone));
		case 'acceptsMarketing':
			if (typeof value === 'boolean') return value;
			if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
				return value.trim().toLowerCase() === 'true';
			throw new InputError(
				`${LABELS.acceptsMarketing}: ${JSON.stringify(value)} is not true or false`,
				'Set it to true or false.',
			);
		default:
			return textOf(value, LABELS[key]).trim();
	}
}

function normaliseTags(value: unknown): string {
	const list = (
		Array.isArray(value)
			? value.map((tag) => textOf(tag, LABELS.tags))
			: textOf(value, LABELS.tags).split(',')
	)
		.map((tag) => tag.trim())
		.filter((tag) => tag !== '');
	if (list.length > MAX_TAGS) {
		throw new InputError(
			`Tags: ${list.length} tags given, Shopify allows at most ${MAX_TAGS}`,
			'Remove some tags.',
		);
	}
	const long = list.find((tag) => tag.length > MAX_TAG_LENGTH);
	if (long !== undefined) {
		throw new InputError(
			`Tags: the tag "${long.slice(0, 40)}…" has ${long.length} characters, Shopify allows at most ${MAX_TAG_LENGTH}`,
			'Shorten the tag.',
		);
	}
	return list.join(', ');
}

// JavaScript gives "__proto__" a meaning of its own: copies of the body on its way to the API may drop it.
const UNSENDABLE_NAMES = new Set(['__proto__']);

function buildCustomFields(entries: readonly CustomFieldEntry[], keepEmpty: boolean): IDataObject {
	// A Map, not an object: a name like "constructor" or "prototype" is only a name here.
	const fields = new Map<string, IDataObject[string]>();
	entries.forEach((entry, index) => {
		const name = checkMachineName(entry.name, `Custom field ${index + 1}`);
		if (UNSENDABLE_NAMES.has(name)) {
			throw new InputError(
				`Custom field ${index + 1}: "${name}" cannot be sent as a machine name`,
				'Rename the field in the Customer Account Fields app; "__proto__" is reserved in JSON handling.',
			);
		}
		if (fields.has(name)) {
			throw new InputError(
				`Custom field ${index + 1}: "${name}" is set twice`,
				'Keep one entry per custom field.',
			);
		}
		const value = entry.value;
		if (value === undefined || value === null || value === '') {
			if (keepEmpty) fields.set(name, '');
			return;
		}
		if (typeof value === 'object' && !Array.isArray(value)) {
			throw new InputError(
				`Custom field "${name}": the value is an object`,
				'Give a text, number or true/false value; for structured data, convert it with JSON.stringify() in an expression.',
			);
		}
		fields.set(name, value as IDataObject[string]);
	});
	// fromEntries defines own properties, so every name is written as given.
	return Object.fromEntries(fields) as IDataObject;
}
