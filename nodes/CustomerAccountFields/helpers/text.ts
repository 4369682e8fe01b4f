import { InputError } from './inputError';

/** How a JSON value that is not text is named in messages. */
function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'boolean') return `true/false (${String(value)})`;
	return typeof value === 'object' && value !== null
		? 'an object'
		: `a value of type ${value === null ? 'null' : typeof value}`;
}

/**
 * The one reading of a text parameter: text as it is, numbers as their digits; a list, an object or a
 * true/false value from an expression is refused rather than sent as "[object Object]" or "a,b".
 */
export function textOf(value: unknown, field: string): string {
	if (typeof value === 'string') return value;
	if (Number.isFinite(value)) return String(value); // a number, not NaN or Infinity
	if (typeof value === 'bigint') return value.toString();
	throw new InputError(
		`${field}: expected text, got ${kindOf(value)}`,
		'Give a text value; if an expression returns a list or an object, pick the part you need (e.g. {{ $json.name.first }}) or convert it with JSON.stringify().',
	);
}

/** The one reading of a true/false parameter: a boolean, or "true"/"false" in any case from an expression. */
export function toBoolean(value: unknown, label: string): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
		return value.trim().toLowerCase() === 'true';
	throw new InputError(
		`${label}: "${String(value)}" is not true or false`,
		'Set it to true or false.',
	);
}
