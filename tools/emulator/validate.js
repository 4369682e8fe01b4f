'use strict';
// Validates a whole PUT/POST batch before anything is written (atomic), and turns it into a plan.
const { SHOPIFY_KEYS, checkShopifyAttribute, normalisePhone } = require('./shopifyAttributes');

const WRITABLE = ['email', 'first_name', 'last_name', 'phone', 'tags', 'note', 'accepts_marketing'];
const EMAIL = /^[^\s@"]+@[^\s@"]+\.[^\s@"]+$/;
const MAX_TAGS = 250;
const MAX_TAG_LENGTH = 255;

class WriteError extends Error {
	constructor(message, status = 400) {
		super(message);
		this.status = status;
	}
}

/**
 * @param {'update'|'create'} kind
 * @param {import('./store').CustomerStore} store
 * @param {unknown} body parsed JSON
 * @param {{ maxBatch: number, deleteEmpty: boolean, definitions: object[] }} options
 * @returns {Array<{ id?: number, attrs: object, fields: Map<string, string|null> }>} the plan; throws WriteError
 */
function planWrite(kind, store, body, options) {
	const list =
		body && typeof body === 'object' && !Array.isArray(body) ? body.customers : undefined;
	if (!Array.isArray(list) || list.length === 0)
		throw new WriteError('customers array is required');
	if (list.length > options.maxBatch) {
		throw new WriteError(`unable to update more than ${options.maxBatch} customers at one time`);
	}
	const emails = new EmailClaims(store);
	const phones = new PhoneClaims(store);
	return list.map((entry) => {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry))
			throw new WriteError('invalid customer');
		const id = kind === 'update' ? existingId(store, entry.id) : undefined;
		if (kind === 'create' && entry.id !== undefined && entry.id !== null) {
			throw new WriteError('customers to create must not have an id');
		}
		const attrs = readAttributes(entry);
		if ('password' in attrs && attrs.password_confirmation !== attrs.password) {
			throw new WriteError("password_confirmation doesn't match password");
		}
		if (attrs.phone) phones.claim(attrs.phone, id);
		if (
			kind === 'create' &&
			!['email', 'first_name', 'last_name', 'phone'].some((key) => attrs[key])
		) {
			throw new WriteError('customer must have an email, phone or name');
		}
		if (attrs.email) emails.claim(attrs.email, id);
		return { id, attrs, fields: readCustomFields(entry.customer_fields, options) };
	});
}

function existingId(store, raw) {
	if (raw === undefined || raw === null || raw === '')
		throw new WriteError('customer id is required');
	const id = typeof raw === 'number' ? raw : /^\d+$/.test(String(raw)) ? Number(raw) : NaN;
	if (!Number.isSafeInteger(id)) throw new WriteError(`invalid customer id: ${raw}`);
	if (!store.has(id)) throw new WriteError(`customer not found: ${raw}`);
	return id;
}

function readAttributes(entry) {
	const attrs = {};
	for (const key of WRITABLE) {
		if (!Object.prototype.hasOwnProperty.call(entry, key) || entry[key] === undefined) continue;
		attrs[key] = checkAttribute(key, entry[key]);
	}
	for (const key of SHOPIFY_KEYS) {
		if (!Object.prototype.hasOwnProperty.call(entry, key) || entry[key] === undefined) continue;
		attrs[key] = checkShopifyAttribute(key, entry[key], (message) => {
			throw new WriteError(message);
		});
	}
	return attrs;
}

function checkAttribute(key, value) {
	if (key === 'accepts_marketing') {
		if (typeof value !== 'boolean')
			throw new WriteError(`invalid accepts_marketing: ${JSON.stringify(value)}`);
		return value;
	}
	if (value === null || value === '') return null;
	if (typeof value !== 'string') throw new WriteError(`invalid ${key}: ${JSON.stringify(value)}`);
	if (key === 'email') {
		const email = value.trim();
		if (!EMAIL.test(email)) throw new WriteError(`invalid email: ${value}`);
		return email;
	}
	if (key === 'phone') {
		const phone = normalisePhone(value);
		if (!phone) throw new WriteError(`invalid phone: ${value}`);
		return phone;
	}
	return key === 'tags' ? checkTags(value) : value;
}

function checkTags(text) {
	const tags = [
		...new Set(
			text
				.split(',')
				.map((tag) => tag.trim())
				.filter((tag) => tag !== ''),
		),
	];
	if (tags.length > MAX_TAGS)
		throw new WriteError(`too many tags: ${tags.length} (maximum ${MAX_TAGS})`);
	const long = tags.find((tag) => tag.length > MAX_TAG_LENGTH);
	if (long !== undefined) {
		throw new WriteError(`tag is too long: ${long.length} characters (maximum ${MAX_TAG_LENGTH})`);
	}
	return tags.join(', ');
}

function readCustomFields(raw, { definitions, deleteEmpty }) {
	const fields = new Map();
	if (raw === undefined || raw === null) return fields;
	if (typeof raw !== 'object' || Array.isArray(raw))
		throw new WriteError('invalid customer_fields: expected an object');
	for (const [name, value] of Object.entries(raw)) {
		const definition = definitions.find((d) => d.machine_name === name);
		if (!definition) throw new WriteError(`unknown custom field: ${name}`);
		if (value === null || value === '') {
			if (deleteEmpty) fields.set(name, null); // without the header an empty value changes nothing
			continue;
		}
		fields.set(name, checkFieldValue(definition, value));
	}
	return fields;
}

function checkFieldValue(definition, value) {
	if (typeof value === 'object') throw invalidValue(definition, JSON.stringify(value));
	const text = String(value);
	switch (definition.type) {
		case 'number':
			if (!/^-?\d+(\.\d+)?$/.test(text.trim())) throw invalidValue(definition, text);
			return text.trim();
		case 'date':
			if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(Date.parse(text)))
				throw invalidValue(definition, text);
			return text;
		case 'checkbox':
			if (!/^(true|false)$/i.test(text.trim())) throw invalidValue(definition, text);
			return text.trim().toLowerCase();
		case 'select':
			if (
				Array.isArray(definition.options) &&
				definition.options.length &&
				!definition.options.includes(text)
			) {
				throw invalidValue(definition, text);
			}
			return text;
		default:
			return text;
	}
}

function invalidValue(definition, text) {
	return new WriteError(`invalid value for custom field ${definition.machine_name}: ${text}`);
}

/** Email uniqueness across the store and the batch, so that the batch is checked as a whole. */
class EmailClaims {
	constructor(store) {
		this.store = store;
		this.claimed = new Map(); // lower-case email → id (or a symbol for a new customer)
		this.released = new Set(); // ids whose current email the batch replaces
	}

	claim(email, id) {
		const key = email.toLowerCase();
		const owner = this.store.emailOwner(key);
		const claimant = id === undefined ? Symbol('new') : id;
		const batchOwner = this.claimed.get(key);
		const takenInStore = owner !== undefined && owner !== id && !this.released.has(owner);
		const takenInBatch = batchOwner !== undefined && batchOwner !== claimant;
		if (takenInStore || takenInBatch)
			throw new WriteError(`email has already been taken: ${email}`);
		this.claimed.set(key, claimant);
		if (id !== undefined) this.released.add(id);
	}
}

/** Seed 002: assigning one phone number to several customers returns an error. */
class PhoneClaims {
	constructor(store) {
		this.store = store;
		this.claimed = new Map();
	}

	claim(phone, id) {
		const claimant = id === undefined ? Symbol('new') : id;
		const owner = this.store.phoneTakenBy(phone, id);
		const batchOwner = this.claimed.get(phone);
		if (owner !== undefined || (batchOwner !== undefined && batchOwner !== claimant))
			throw new WriteError(`phone has already been taken: ${phone}`);
		this.claimed.set(phone, claimant);
	}
}

module.exports = { planWrite, WriteError, WRITABLE };
