import type { IDataObject } from 'n8n-workflow';

import { comparablePhone } from './phone';

// Skip Unchanged: does a customer the API returned already hold every value a write would store?
// Values are compared as the API stores them; whatever cannot be compared counts as a change.

export interface CompareOptions {
	/** With Delete Empty Fields, an empty custom field value deletes the field (else it changes nothing). */
	deleteEmptyFields?: boolean;
}

/**
 * Attributes the API does not return, or that act each time they are sent: a write holding one is
 * always sent. Passwords and the two email flags are not stored; addresses are added to the
 * customer's list on every update; metafields are not part of the API's customer.
 */
export const ALWAYS_WRITTEN: readonly string[] = [
	'password',
	'password_confirmation',
	'send_email_invite',
	'send_email_welcome',
	'addresses',
	'metafields',
];

type Same = (written: unknown, stored: unknown) => boolean;

const isEmpty = (value: unknown) => value === null || value === '';

// An empty text is stored as null; a field the customer lacks (undefined: not returned) matches nothing.
const sameText: Same = (written, stored) =>
	isEmpty(written) ? isEmpty(stored) : typeof written === 'string' && written === stored;

const sameBoolean: Same = (written, stored) => typeof written === 'boolean' && written === stored;

const sameEmail: Same = (written, stored) =>
	typeof written === 'string' &&
	typeof stored === 'string' &&
	written.trim().toLowerCase() === stored.trim().toLowerCase();

// Only a number with its country code ("+") is compared: without one, the API picks the shop's country.
const samePhone: Same = (written, stored) => {
	const phone = comparablePhone(written);
	return phone.startsWith('+') && phone === comparablePhone(stored);
};

const sameInstant: Same = (written, stored) =>
	typeof written === 'string' &&
	typeof stored === 'string' &&
	!Number.isNaN(Date.parse(written)) &&
	Date.parse(written) === Date.parse(stored);

function tagSet(value: unknown): Set<string> | undefined {
	const list =
		typeof value === 'string'
			? value.split(',')
			: Array.isArray(value)
				? value.map(String)
				: undefined;
	return list && new Set(list.map((tag) => tag.trim()).filter((tag) => tag !== ''));
}

function sameSet(a: Set<string> | undefined, b: Set<string> | undefined): boolean {
	if (a === undefined || b === undefined || a.size !== b.size) return false;
	for (const entry of a) if (!b.has(entry)) return false;
	return true;
}

const sameTags: Same = (written, stored) => sameSet(tagSet(written), tagSet(stored ?? ''));

const sameCodes: Same = (written, stored) =>
	Array.isArray(written) &&
	Array.isArray(stored) &&
	sameSet(new Set(written.map(String)), new Set(stored.map(String)));

const COMPARED: Record<string, Same> = {
	email: sameEmail,
	first_name: sameText,
	last_name: sameText,
	note: sameText,
	phone: samePhone,
	tags: sameTags,
	accepts_marketing: sameBoolean,
	accepts_marketing_updated_at: sameInstant,
	marketing_opt_in_level: sameText,
	multipass_identifier: sameText,
	tax_exempt: sameBoolean,
	tax_exemptions: sameCodes,
	verified_email: sameBoolean,
};

/** The custom fields a customer holds, by machine name, as text (an empty value counts as none). */
function storedFields(customer: IDataObject): Map<string, string> | undefined {
	if (!Array.isArray(customer.customer_fields)) return undefined;
	const fields = new Map<string, string>();
	for (const field of customer.customer_fields as IDataObject[]) {
		if (typeof field?.machine_name !== 'string') continue;
		if (field.value !== undefined && !isEmpty(field.value))
			fields.set(field.machine_name, String(field.value));
	}
	return fields;
}

/** Adds to `changed` each custom field of `written` that the customer does not hold as it would be stored. */
function addChangedFields(
	changed: string[],
	written: unknown,
	customer: IDataObject,
	options: CompareOptions,
): void {
	if (written === null || typeof written !== 'object' || Array.isArray(written)) {
		changed.push('customer_fields');
		return;
	}
	const stored = storedFields(customer);
	for (const [name, value] of Object.entries(written as IDataObject)) {
		const same =
			value === undefined || isEmpty(value)
				? !options.deleteEmptyFields || (stored !== undefined && !stored.has(name))
				: stored !== undefined && typeof value !== 'object' && stored.get(name) === String(value);
		if (!same) changed.push(`customer_fields.${name}`);
	}
}

/**
 * The attributes of `write` (a customer body as the node sends it) that `customer` (as the API
 * returned it) does not already hold; `id` is not compared. An attribute the API does not return,
 * or one this module does not know, is always listed.
 */
export function changedAttributes(
	write: IDataObject,
	customer: IDataObject,
	options: CompareOptions = {},
): string[] {
	const changed: string[] = [];
	for (const [key, value] of Object.entries(write)) {
		if (key === 'id' || value === undefined) continue;
		if (key === 'customer_fields') {
			addChangedFields(changed, value, customer, options);
			continue;
		}
		const same = Object.prototype.hasOwnProperty.call(COMPARED, key) ? COMPARED[key] : undefined;
		if (same === undefined || !same(value, customer[key])) changed.push(key);
	}
	return changed;
}

/** Whether sending `write` would leave `customer` as it is. */
export function isUnchanged(
	write: IDataObject,
	customer: IDataObject,
	options: CompareOptions = {},
): boolean {
	return changedAttributes(write, customer, options).length === 0;
}
