import { InputError } from './inputError';

const SEPARATORS = /[\s().-]/g;

/**
 * A phone number without the separators people type ("+1 (613) 555-1212" → "+16135551212"), so
 * two spellings of one number compare equal. Returns "" for a value that is not a phone number.
 */
export function comparablePhone(raw: unknown): string {
	if (typeof raw !== 'string' && typeof raw !== 'number') return '';
	const compact = String(raw).replace(SEPARATORS, '');
	return /^\+?\d+$/.test(compact) ? compact : '';
}

/**
 * The Phone attribute: Shopify accepts several spellings, each of a number that can be dialled
 * from anywhere (seed 002: 6135551212, +16135551212, (613)555-1212, +1 613-555-1212).
 */
export function checkPhone(raw: unknown): string {
	if (!/^\+?[1-9]\d{6,14}$/.test(comparablePhone(raw))) {
		throw new InputError(
			`Phone: "${typeof raw === 'object' ? JSON.stringify(raw) : String(raw)}" is not a phone number Shopify accepts`,
			'Give a number that can be dialled from anywhere, best in E.164 format: +16135551111 (7 to 15 digits).',
		);
	}
	// Only text or a number gets here (comparablePhone gives "" for anything else).
	return String(raw).trim();
}
