import type { IDataObject } from 'n8n-workflow';

import { InputError } from './inputError';
import { comparablePhone } from './phone';
import { textOf } from './text';

/** What Create or Update matches existing customers on. */
export type MatchBy = 'email' | 'phone';

// E.164: a country code and subscriber number, 15 digits at most, never starting with 0.
const INTERNATIONAL = /^\+[1-9]\d{6,14}$/;

/**
 * The key an input item is matched on: a lower-cased email (its format is checked with the other
 * attributes), or a phone in international format.
 */
export function matchKeyOf(matchBy: MatchBy, raw: unknown): string {
	const text =
		raw === undefined || raw === null
			? ''
			: textOf(raw, matchBy === 'email' ? 'Email' : 'Phone').trim();
	if (matchBy === 'email') {
		if (text === '')
			throw new InputError(
				'Email: needed to find the customer (Match By is Email)',
				'Map the email address of each item.',
			);
		return text.toLowerCase();
	}
	if (text === '')
		throw new InputError(
			'Phone: needed to find the customer (Match By is Phone)',
			'Map the phone number of each item.',
		);
	const phone = comparablePhone(text);
	if (!INTERNATIONAL.test(phone)) {
		throw new InputError(
			`Phone: "${text}" is not a phone number in international format`,
			'To match by phone, give the number as Shopify stores it: "+", the country code and the number, e.g. +16135551111.',
		);
	}
	return phone;
}

/** The same key read from a customer the API returned ("" when it has none). */
export function customerMatchKey(matchBy: MatchBy, customer: IDataObject): string {
	if (matchBy === 'email')
		return typeof customer.email === 'string' ? customer.email.trim().toLowerCase() : '';
	return comparablePhone(customer.phone);
}

/**
 * Items whose key an earlier item already uses, each mapped to that earlier item. Both would
 * create (or update) the same customer, so the later ones are refused rather than raced.
 */
export function laterDuplicates(keys: ReadonlyMap<number, string>): Map<number, number> {
	const firstOf = new Map<string, number>();
	const duplicates = new Map<number, number>();
	for (const [itemIndex, key] of keys) {
		const first = firstOf.get(key);
		if (first === undefined) firstOf.set(key, itemIndex);
		else duplicates.set(itemIndex, first);
	}
	return duplicates;
}
