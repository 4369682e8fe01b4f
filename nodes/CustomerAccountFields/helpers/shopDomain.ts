const HOST_NAME =
	/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/**
 * Checks the credential's shop domain and returns it trimmed, or a message saying what is wrong.
 * The domain travels in an HTTP header, so a scheme, path, space or line break must never reach the request.
 */
export function checkShopDomain(raw: unknown): { domain: string } | { problem: string } {
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (value === '') {
		return {
			problem:
				'The shop domain is empty. Enter your store\'s domain, e.g. "my-store.myshopify.com".',
		};
	}
	if (/[\r\n]/.test(value)) {
		return {
			problem:
				'The shop domain contains a line break. Enter only the host name, e.g. "my-store.myshopify.com".',
		};
	}
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
		return {
			problem: `The shop domain must not include a scheme ("${value.split('://')[0]}://"). Enter only the host name, e.g. "my-store.myshopify.com".`,
		};
	}
	if (/[/?#]/.test(value)) {
		return {
			problem:
				'The shop domain must not include a path, query or "/". Enter only the host name, e.g. "my-store.myshopify.com".',
		};
	}
	if (/\s/.test(value)) {
		return {
			problem:
				'The shop domain must not contain spaces. Enter only the host name, e.g. "my-store.myshopify.com".',
		};
	}
	if (!HOST_NAME.test(value)) {
		return {
			problem: `"${value}" is not a valid host name. Enter your store's domain, e.g. "my-store.myshopify.com".`,
		};
	}
	return { domain: value.toLowerCase() };
}
