import { InputError } from './inputError';
import { textOf } from './text';

/** Admin URLs a merchant copies from Shopify: the new admin and the classic one. */
export const ADMIN_URL_PATTERNS: readonly RegExp[] = [
	/^https?:\/\/admin\.shopify\.com\/store\/[a-z0-9][a-z0-9-]*\/customers\/(\d+)\/?(?:[?#].*)?$/i,
	/^https?:\/\/[a-z0-9][a-z0-9-]*\.myshopify\.com\/admin\/customers\/(\d+)\/?(?:[?#].*)?$/i,
];

/** Regex n8n's resource locator uses to check and extract the ID from a URL (same shapes as above). */
export const ADMIN_URL_REGEX =
	'^\\s*https?://(?:admin\\.shopify\\.com/store/[a-zA-Z0-9][a-zA-Z0-9-]*|[a-zA-Z0-9][a-zA-Z0-9-]*\\.myshopify\\.com/admin)/customers/(\\d+)';

export type CustomerIdMode = 'id' | 'url' | 'list';

/**
 * Reads a customer ID from the resource locator's value: a plain number, a Shopify GID
 * ("gid://shopify/Customer/123") or, in URL mode, a customer page of the Shopify admin. Any mode
 * but "url" (or none) reads an ID, or a URL if the value starts with http(s)://.
 */
export function parseCustomerId(raw: unknown, mode?: string): string {
	const value = raw === undefined || raw === null ? '' : textOf(raw, 'Customer').trim();
	if (value === '') {
		throw new InputError(
			'Customer: the customer ID is empty',
			'Enter the numeric ID of the customer, paste its Shopify admin URL, or pick it from the list.',
		);
	}
	if (mode === 'url' || /^https?:\/\//i.test(value)) {
		for (const pattern of ADMIN_URL_PATTERNS) {
			const match = pattern.exec(value);
			if (match) return match[1];
		}
		throw new InputError(
			`Customer: "${value}" is not a Shopify admin customer URL`,
			'Use a URL like https://admin.shopify.com/store/my-store/customers/6940095564123 or https://my-store.myshopify.com/admin/customers/6940095564123.',
		);
	}
	const gid = /^gid:\/\/shopify\/Customer\/(\d+)$/i.exec(value);
	if (gid) return gid[1];
	if (!/^\d+$/.test(value)) {
		throw new InputError(
			`Customer: "${value}" is not a customer ID; IDs are whole numbers, e.g. 6940095564123`,
			'Enter the numeric ID of the customer or paste its Shopify admin URL.',
		);
	}
	return value;
}

/** The ID as the API writes it (a JSON number), kept as text if it would lose precision. */
export function customerIdValue(id: string): number | string {
	const asNumber = Number(id);
	return Number.isSafeInteger(asNumber) ? asNumber : id;
}
