import type { IDataObject } from 'n8n-workflow';

import { checkMachineName } from './customFieldName';
import { InputError } from './inputError';

/** The standard customer attributes the node can write, by their parameter names. */
export interface CustomerAttributes {
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

const API_NAMES: Record<keyof CustomerAttributes, string> = {
	email: 'email',
	firstName: 'first_name',
	lastName: 'last_name',
	phone: 'phone',
	tags: 'tags',
	note: 'note',
	acceptsMarketing: 'accepts_marketing',
};

const EMAIL = /^[^\s@"]+@[^\s@"]+\.[^\s@"]+$/;
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
	for (const key of Object.keys(API_NAMES) as Array<keyof CustomerAttributes>) {
		const value = attributes[key];
		if (value === undefined || value === null || value === '') continue;
		customer[API_NAMES[key]] = normaliseAttribute(key, value);
	}
	const fields = buildCustomFields(customFields, keepEmptyCustomFields);
	if (Object.keys(fields).length > 0) customer.customer_fields = fields;
	return customer;
}

function normaliseAttribute(key: keyof CustomerAttributes, value: unknown): string | boolean {
	switch (key) {
		case 'email': {
			const email = String(value).trim();
			if (!EMAIL.test(email)) {
				throw new InputError(`Email: "${email}" is not a valid email address`, 'Enter an address like name@example.com.');
			}
			return email;
		}
		case 'tags':
			return normaliseTags(value);
		case 'acceptsMarketing':
			if (typeof value === 'boolean') return value;
			if (/^(true|false)$/i.test(String(value))) return String(value).toLowerCase() === 'true';
			throw new InputError(`Accepts Marketing: "${String(value)}" is not true or false`, 'Set it to true or false.');
		default:
			return String(value).trim();
	}
}

function normaliseTags(value: unknown): string {
	const list = (Array.isArray(value) ? value.map(String) : String(value).split(','))
		.map((tag) => tag.trim())
		.filter((tag) => tag !== '');
	if (list.length > MAX_TAGS) {
		throw new InputError(`Tags: ${list.length} tags given, Shopify allows at most ${MAX_TAGS}`, 'Remove some tags.');
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

function buildCustomFields(entries: readonly CustomFieldEntry[], keepEmpty: boolean): IDataObject {
	const fields: IDataObject = {};
	entries.forEach((entry, index) => {
		const name = checkMachineName(entry.name, `Custom field ${index + 1}`);
		if (Object.prototype.hasOwnProperty.call(fields, name)) {
			throw new InputError(`Custom field ${index + 1}: "${name}" is set twice`, 'Keep one entry per custom field.');
		}
		const value = entry.value;
		if (value === undefined || value === null || value === '') {
			if (keepEmpty) fields[name] = '';
			return;
		}
		if (typeof value === 'object' && !Array.isArray(value)) {
			throw new InputError(`Custom field "${name}": the value is an object`, 'Give a text, number or true/false value; for structured data, convert it with JSON.stringify() in an expression.');
		}
		fields[name] = value as IDataObject[string];
	});
	return fields;
}
