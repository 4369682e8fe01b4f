'use strict';
// Seed 002's writable attributes beyond the basic seven: how a write is checked, and how it is stored.

const TAX_EXEMPTIONS = [
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
];
const OPT_IN_LEVELS = ['single_opt_in', 'confirmed_opt_in', 'unknown'];
const BOOLEANS = ['tax_exempt', 'verified_email', 'send_email_invite', 'send_email_welcome'];
const SHOPIFY_KEYS = [
	...BOOLEANS,
	'accepts_marketing_updated_at',
	'marketing_opt_in_level',
	'multipass_identifier',
	'tax_exemptions',
	'addresses',
	'metafields',
	'password',
	'password_confirmation',
];
const ADDRESS_KEYS = [
	'address1',
	'address2',
	'city',
	'company',
	'country',
	'country_code',
	'first_name',
	'last_name',
	'phone',
	'province',
	'province_code',
	'zip',
];

/** Checks one of SHOPIFY_KEYS; `fail(message)` throws the API's 400. Returns the value to store. */
function checkShopifyAttribute(key, value, fail) {
	const bad = () => fail(`invalid ${key}: ${JSON.stringify(value)}`);
	if (BOOLEANS.includes(key)) return typeof value === 'boolean' ? value : bad();
	if (value === null && ['marketing_opt_in_level', 'multipass_identifier'].includes(key))
		return null;
	switch (key) {
		case 'accepts_marketing_updated_at':
			return typeof value === 'string' &&
				/^\d{4}-\d{2}-\d{2}T/.test(value) &&
				!Number.isNaN(Date.parse(value))
				? value
				: bad();
		case 'marketing_opt_in_level':
			return OPT_IN_LEVELS.includes(value) ? value : bad();
		case 'multipass_identifier':
		case 'password':
		case 'password_confirmation':
			return typeof value === 'string' ? value : bad();
		case 'tax_exemptions':
			return Array.isArray(value) && value.every((code) => TAX_EXEMPTIONS.includes(code))
				? value
				: bad();
		case 'addresses':
			return Array.isArray(value) ? value.map((address) => checkAddress(address, fail)) : bad();
		case 'metafields':
			return Array.isArray(value)
				? value.map((metafield) => checkMetafield(metafield, fail))
				: bad();
		default:
			return bad();
	}
}

function checkAddress(address, fail) {
	if (!address || typeof address !== 'object' || Array.isArray(address)) fail('invalid address');
	const kept = {};
	for (const key of ADDRESS_KEYS) {
		const value = address[key];
		if (value === undefined || value === null) continue;
		if (typeof value !== 'string') fail(`invalid address ${key}: ${JSON.stringify(value)}`);
		kept[key] = value;
	}
	if (kept.country_code !== undefined && !/^[A-Z]{2}$/.test(kept.country_code))
		fail(`invalid country_code: ${kept.country_code}`);
	if (address.default !== undefined && typeof address.default !== 'boolean')
		fail('invalid address default');
	kept.default = address.default === true;
	return kept;
}

function checkMetafield(metafield, fail) {
	if (!metafield || typeof metafield !== 'object' || Array.isArray(metafield))
		fail('invalid metafield');
	const { namespace, key, value, value_type: valueType } = metafield;
	if (typeof namespace !== 'string' || namespace === '' || namespace.length > 20)
		fail(`invalid metafield namespace: ${namespace}`);
	if (typeof key !== 'string' || key === '' || key.length > 30)
		fail(`invalid metafield key: ${key}`);
	if (!['string', 'integer'].includes(valueType))
		fail(`invalid metafield value_type: ${valueType}`);
	const integer =
		typeof value === 'number' ? Number.isInteger(value) : /^-?\d+$/.test(String(value));
	if (
		value === undefined ||
		value === null ||
		value === '' ||
		(valueType === 'integer' && !integer)
	)
		fail(`invalid metafield value: ${value}`);
	return {
		namespace,
		key,
		value,
		value_type: valueType,
		description: metafield.description ?? null,
	};
}

/** Stores the checked attributes that are not plain copies; returns the rest, to copy as they are. */
function applyShopifyAttributes(customer, attrs, nextId) {
	const rest = { ...attrs };
	if (rest.addresses) {
		const added = rest.addresses.map((address) => ({
			id: nextId(),
			customer_id: customer.id,
			...address,
		}));
		customer.addresses = [...(customer.addresses || []), ...added];
		const chosen =
			added.find((address) => address.default) || (customer.default_address ? null : added[0]);
		if (chosen) {
			for (const address of customer.addresses) address.default = address === chosen;
			customer.default_address = chosen;
		}
	}
	if (rest.metafields) {
		const kept = (customer.metafields || []).filter(
			(old) => !rest.metafields.some((m) => m.namespace === old.namespace && m.key === old.key),
		);
		customer.metafields = [...kept, ...rest.metafields];
	}
	if (rest.password) customer.state = 'enabled';
	else if (rest.send_email_invite && customer.state !== 'enabled') customer.state = 'invited';
	for (const key of [
		'addresses',
		'metafields',
		'password',
		'password_confirmation',
		'send_email_invite',
		'send_email_welcome',
	])
		delete rest[key];
	return rest;
}

/** Seed 002: a phone may be written in several formats, each dialable from anywhere; Shopify stores E.164. */
function normalisePhone(text) {
	const compact = text.replace(/[\s().-]/g, '');
	if (!/^\+?[1-9]\d{6,14}$/.test(compact)) return null;
	if (compact.startsWith('+')) return compact;
	return compact.length === 10 ? `+1${compact}` : `+${compact}`;
}

module.exports = {
	SHOPIFY_KEYS,
	TAX_EXEMPTIONS,
	checkShopifyAttribute,
	applyShopifyAttributes,
	normalisePhone,
};
