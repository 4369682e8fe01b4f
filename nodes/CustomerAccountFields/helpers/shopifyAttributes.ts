import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { checkAddresses, type AddressEntry } from './address';
import { InputError } from './inputError';
import { textOf, toBoolean } from './text';

/** Shopify's customer attributes beyond the first seven (seed 002), by their parameter names. */
export interface ShopifyAttributes {
	acceptsMarketingUpdatedAt?: unknown;
	marketingOptInLevel?: string;
	multipassIdentifier?: string;
	taxExempt?: boolean | string;
	taxExemptions?: string | string[];
	verifiedEmail?: boolean | string;
	addresses?: { address?: AddressEntry[] };
	metafields?: { metafield?: MetafieldEntry[] };
	sendEmailInvite?: boolean | string;
	sendEmailWelcome?: boolean | string;
	password?: string;
	passwordConfirmation?: string;
	attributesJson?: unknown;
}

export interface MetafieldEntry {
	namespace?: string;
	key?: string;
	value?: unknown;
	valueType?: string;
	description?: string;
}

/** The Canadian tax exemptions Shopify accepts in `tax_exemptions` (seed 002). */
export const TAX_EXEMPTIONS = [
	'EXEMPT_ALL',
	'CA_STATUS_CARD_EXEMPTION',
	'CA_DIPLOMAT_EXEMPTION',
	'CA_BC_RESELLER_EXEMPTION',
	'CA_MB_RESELLER_EXEMPTION',
	'CA_SK_RESELLER_EXEMPTION',
	'CA_BC_COMMERCIAL_FISHERY_EXEMPTION',
	'CA_MB_COMMERCIAL_FISHERY_EXEMPTION',
	'CA_NS_COMMERCIAL_FISHERY_EXEMPTION',
	'CA_PE_COMMERCIAL_FISHERY_EXEMPTION',
	'CA_SK_COMMERCIAL_FISHERY_EXEMPTION',
	'CA_BC_PRODUCTION_AND_MACHINERY_EXEMPTION',
	'CA_SK_PRODUCTION_AND_MACHINERY_EXEMPTION',
	'CA_BC_SUB_CONTRACTOR_EXEMPTION',
	'CA_SK_SUB_CONTRACTOR_EXEMPTION',
	'CA_BC_CONTRACTOR_EXEMPTION',
	'CA_SK_CONTRACTOR_EXEMPTION',
	'CA_ON_PURCHASE_EXEMPTION',
	'CA_MB_FARMER_EXEMPTION',
	'CA_NS_FARMER_EXEMPTION',
	'CA_SK_FARMER_EXEMPTION',
] as const;

export const MARKETING_OPT_IN_LEVELS = ['single_opt_in', 'confirmed_opt_in', 'unknown'] as const;

const BOOLEANS: Array<[keyof ShopifyAttributes, string, string]> = [
	['taxExempt', 'tax_exempt', 'Tax Exempt'],
	['verifiedEmail', 'verified_email', 'Verified Email'],
	['sendEmailInvite', 'send_email_invite', 'Send Email Invite'],
	['sendEmailWelcome', 'send_email_welcome', 'Send Welcome Email'],
];
const SECRET_KEYS = ['password', 'password_confirmation'];
const FORBIDDEN_JSON_KEYS = ['id', '__proto__', 'constructor', 'prototype'];

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';

/** Builds the API attributes for the parameters of ShopifyAttributes; `taken` are keys already in the body. */
export function buildShopifyAttributes(
	attributes: ShopifyAttributes,
	taken: readonly string[],
): IDataObject {
	const body: IDataObject = {};
	for (const [name, apiName, label] of BOOLEANS) {
		if (isSet(attributes[name])) body[apiName] = toBoolean(attributes[name], label);
	}
	if (isSet(attributes.acceptsMarketingUpdatedAt))
		body.accepts_marketing_updated_at = toIsoDate(attributes.acceptsMarketingUpdatedAt);
	if (isSet(attributes.marketingOptInLevel))
		body.marketing_opt_in_level = oneOf(
			attributes.marketingOptInLevel,
			MARKETING_OPT_IN_LEVELS,
			'Marketing Opt-In Level',
		);
	if (isSet(attributes.multipassIdentifier))
		body.multipass_identifier = textOf(
			attributes.multipassIdentifier,
			'Multipass Identifier',
		).trim();
	if (isSet(attributes.taxExemptions))
		body.tax_exemptions = toTaxExemptions(attributes.taxExemptions);
	const addresses = attributes.addresses?.address ?? [];
	if (addresses.length > 0) body.addresses = checkAddresses(addresses);
	const metafields = attributes.metafields?.metafield ?? [];
	if (metafields.length > 0) body.metafields = metafields.map(toMetafield);
	Object.assign(body, passwords(attributes));
	return mergeJson(body, attributes.attributesJson, taken);
}

/** A customer body as it may be shown (output, dry run): passwords are replaced by "(hidden)". */
export function hideSecrets(customer: IDataObject): IDataObject {
	if (!SECRET_KEYS.some((key) => key in customer)) return customer;
	const shown: IDataObject = { ...customer };
	for (const key of SECRET_KEYS) if (key in shown) shown[key] = '(hidden)';
	return shown;
}

function toIsoDate(value: unknown): string {
	const date =
		typeof value === 'string'
			? DateTime.fromISO(value.trim(), { setZone: true })
			: value instanceof Date
				? DateTime.fromJSDate(value)
				: (value as DateTime);
	if (!DateTime.isDateTime(date) || !date.isValid) {
		throw new InputError(
			`Accepts Marketing Updated At: "${String(value)}" is not a date`,
			'Enter an ISO 8601 date and time such as 2026-02-09T13:49:58-05:00.',
		);
	}
	return date.toISO() as string;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], label: string): T {
	const text = String(value).trim();
	if (!(allowed as readonly string[]).includes(text)) {
		throw new InputError(
			`${label}: "${text}" is not one of Shopify's values`,
			`Use one of: ${allowed.join(', ')}.`,
		);
	}
	return text as T;
}

function toTaxExemptions(value: unknown): string[] {
	const list = Array.isArray(value) ? value.map(String) : String(value).split(',');
	const codes = list.map((code) => code.trim().toUpperCase()).filter((code) => code !== '');
	return [...new Set(codes.map((code) => oneOf(code, TAX_EXEMPTIONS, 'Tax Exemptions')))];
}

function toMetafield(entry: MetafieldEntry, index: number): IDataObject {
	const where = `Metafield ${index + 1}`;
	const namespace = textOf(entry.namespace ?? '', `${where} namespace`).trim();
	const key = textOf(entry.key ?? '', `${where} key`).trim();
	if (namespace === '' || namespace.length > 20)
		throw new InputError(
			`${where}: the namespace must have 1 to 20 characters`,
			'Shopify limits a metafield namespace to 20 characters, e.g. "global".',
		);
	if (key === '' || key.length > 30)
		throw new InputError(
			`${where}: the key must have 1 to 30 characters`,
			'Shopify limits a metafield key to 30 characters.',
		);
	const valueType = oneOf(
		entry.valueType ?? 'string',
		['string', 'integer'],
		`${where} (${namespace}.${key}) Value Type`,
	);
	const value =
		entry.value === undefined || entry.value === null
			? ''
			: textOf(entry.value, `${where} (${namespace}.${key}) value`).trim();
	if (value === '')
		throw new InputError(
			`${where} (${namespace}.${key}): the value is empty`,
			'Shopify requires a value for every metafield.',
		);
	if (valueType === 'integer' && !/^-?\d+$/.test(value)) {
		throw new InputError(
			`${where} (${namespace}.${key}): "${value}" is not a whole number`,
			'Give a whole number, or set Value Type to String.',
		);
	}
	const metafield: IDataObject = {
		namespace,
		key,
		value: valueType === 'integer' ? Number(value) : value,
		value_type: valueType,
	};
	if (isSet(entry.description))
		metafield.description = textOf(entry.description, `${where} description`);
	return metafield;
}

// Shopify needs both; a workflow maps one value, so an empty confirmation repeats the password.
function passwords({ password, passwordConfirmation }: ShopifyAttributes): IDataObject {
	if (!isSet(password)) {
		if (isSet(passwordConfirmation))
			throw new InputError(
				'Password: a confirmation is given without a password',
				'Set Password too, or remove Password Confirmation.',
			);
		return {};
	}
	const chosen = textOf(password, 'Password');
	const confirmation = isSet(passwordConfirmation)
		? textOf(passwordConfirmation, 'Password Confirmation')
		: chosen;
	if (confirmation !== chosen) {
		throw new InputError(
			'Password Confirmation: does not match the password',
			'Give the same value in both, or leave Password Confirmation empty.',
		);
	}
	return { password: chosen, password_confirmation: confirmation };
}

function mergeJson(body: IDataObject, raw: unknown, taken: readonly string[]): IDataObject {
	if (!isSet(raw)) return body;
	const extra = typeof raw === 'string' ? parseJson(raw) : raw;
	if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) {
		throw new InputError(
			`Additional Fields (JSON): ${extra === undefined ? 'not valid JSON' : 'not a JSON object'}`,
			'Give a JSON object such as {"note": "VIP"}, with Shopify\'s attribute names.',
		);
	}
	for (const [key, value] of Object.entries(extra)) {
		if (FORBIDDEN_JSON_KEYS.includes(key))
			throw new InputError(
				`Additional Fields (JSON): "${key}" cannot be set here`,
				'Remove it; the customer to update is chosen with Customer.',
			);
		if (key in body || taken.includes(key))
			throw new InputError(
				`Additional Fields (JSON): "${key}" is also set by another field`,
				'Set each attribute once.',
			);
		body[key] = value as IDataObject[string];
	}
	return body;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}
