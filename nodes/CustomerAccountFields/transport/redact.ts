export const REDACTED = '[redacted]';

/**
 * A copy of `value` (text, or JSON-like data of any depth) in which every occurrence of each secret is
 * replaced by "[redacted]", in keys as in values. Secrets shorter than 4 characters are ignored: they
 * would blank out ordinary words and no real API key is that short.
 */
export function redact<T>(value: T, secrets: readonly string[]): T {
	const words = secrets.filter((secret) => typeof secret === 'string' && secret.length >= 4);
	if (words.length === 0) return value;
	return redactValue(value, words) as T;
}

function redactValue(value: unknown, secrets: readonly string[]): unknown {
	if (typeof value === 'string') return redactText(value, secrets);
	if (Array.isArray(value)) return value.map((entry) => redactValue(entry, secrets));
	if (value !== null && typeof value === 'object' && !isBinary(value)) {
		// Own properties only, defined rather than assigned, so that a "__proto__" key stays a key.
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) {
			Object.defineProperty(copy, redactText(key, secrets), {
				value: redactValue(entry, secrets),
				enumerable: true,
				writable: true,
				configurable: true,
			});
		}
		return copy;
	}
	return value;
}

function isBinary(value: object): boolean {
	return value instanceof Uint8Array || value instanceof ArrayBuffer;
}

function redactText(text: string, secrets: readonly string[]): string {
	return secrets.reduce((result, secret) => result.split(secret).join(REDACTED), text);
}
