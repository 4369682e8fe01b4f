import { InputError } from './inputError';

const MACHINE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Custom fields are addressed by machine name (e.g. "loyalty_tier"), never by their label. */
export function checkMachineName(raw: unknown, where: string): string {
	const name = typeof raw === 'string' ? raw.trim() : '';
	if (name === '') {
		throw new InputError(
			`${where}: the custom field's machine name is empty`,
			'Enter the machine name shown for the field in the Customer Account Fields app, e.g. "loyalty_tier".',
		);
	}
	if (!MACHINE_NAME.test(name)) {
		throw new InputError(
			`${where}: "${name}" is not a custom field machine name`,
			'Machine names contain only letters, digits, "_" and "-" (e.g. "loyalty_tier"), not the label shown to customers. Find it in the Customer Account Fields app, in the field\'s settings.',
		);
	}
	return name;
}
