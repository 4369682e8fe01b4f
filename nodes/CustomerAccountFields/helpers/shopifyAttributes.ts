import type { IDataObject } from 'n8n-workflow';

const SECRET_KEYS = ['password', 'password_confirmation'];

/** A customer body as it may be shown (output, dry run): passwords are replaced by "(hidden)". */
export function hideSecrets(customer: IDataObject): IDataObject {
	if (!SECRET_KEYS.some((key) => key in customer)) return customer;
	const shown: IDataObject = { ...customer };
	for (const key of SECRET_KEYS) if (key in shown) shown[key] = '(hidden)';
	return shown;
}
