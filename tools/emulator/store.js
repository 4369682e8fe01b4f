'use strict';
// The shop's customers: lookup, id-ordered cursor pages, and committing validated write plans.
// Built for 200,000 customers: ids stay sorted (a new customer's id is above every other, so it is appended),
// emails and phones are indexed, and a page scans only from its cursor outwards.
const { FIRST_ID } = require('./sample-data');
const { encodeCursor } = require('./cursor');
const { shopTime, unixSeconds } = require('./time');
const { applyShopifyAttributes } = require('./shopifyAttributes');

class CustomerStore {
	constructor(customers, definitions) {
		this.definitions = definitions;
		this.seed(customers);
	}

	/** Replaces all customers with deep copies of `customers` (objects as the API returns them). */
	seed(customers) {
		this.version = (this.version || 0) + 1;
		this.byId = new Map();
		this.emails = new Map();
		this.phones = new Map(); // phone → the ids holding it (a seed may give two customers one phone)
		this.sortedIds = null;
		this.maxId = FIRST_ID - 1;
		this.created = 0;
		this.indexedAt = new Map();
		for (const raw of customers) this.insert(this.normalise(raw));
	}

	normalise(raw) {
		const customer = structuredClone(raw);
		if (customer.id === undefined || customer.id === null) customer.id = this.nextId();
		customer.id = Number(customer.id);
		if (Array.isArray(customer.tags)) customer.tags = customer.tags.join(', ');
		if (customer.tags === undefined || customer.tags === null) customer.tags = '';
		customer.customer_fields = this.normaliseFields(customer.customer_fields);
		return customer;
	}

	// Seeds may give custom fields as the API returns them (array) or as a { machine_name: value } map.
	normaliseFields(fields) {
		if (Array.isArray(fields)) return fields;
		if (!fields || typeof fields !== 'object') return [];
		const now = unixSeconds(Date.now());
		return Object.entries(fields).map(([name, value]) => ({
			machine_name: name,
			label: this.labelOf(name),
			value: String(value),
			created_at: now,
			updated_at: now,
		}));
	}

	labelOf(name) {
		const definition = this.definitions.find((d) => d.machine_name === name);
		return definition ? definition.label : name;
	}

	insert(customer) {
		this.version += 1;
		this.byId.set(customer.id, customer);
		this.indexEmail(customer);
		this.indexPhone(customer);
		// ids from nextId() are above every other: appended, the order holds without a sort of the whole shop
		if (this.sortedIds && customer.id > this.maxId) this.sortedIds.push(customer.id);
		else this.sortedIds = null;
		if (customer.id > this.maxId) this.maxId = customer.id;
	}

	indexPhone(customer) {
		if (!customer.phone) return;
		if (!this.phones.has(customer.phone)) this.phones.set(customer.phone, new Set());
		this.phones.get(customer.phone).add(customer.id);
	}

	unindexPhone(customer) {
		const holders = customer.phone ? this.phones.get(customer.phone) : undefined;
		if (!holders) return;
		holders.delete(customer.id);
		if (holders.size === 0) this.phones.delete(customer.phone);
	}

	/** Whether a customer other than `exceptId` holds this phone. */
	phoneTakenBy(phone, exceptId) {
		for (const id of this.phones.get(phone) || []) if (id !== exceptId) return id;
		return undefined;
	}

	indexEmail(customer) {
		if (customer.email && !this.emails.has(customer.email.toLowerCase())) {
			this.emails.set(customer.email.toLowerCase(), customer.id);
		}
	}

	has(id) {
		return this.byId.has(id);
	}

	find(id) {
		return this.byId.get(id);
	}

	emailOwner(lowerCaseEmail) {
		return this.emails.get(lowerCaseEmail);
	}

	ids() {
		if (!this.sortedIds) this.sortedIds = [...this.byId.keys()].sort((a, b) => a - b);
		return this.sortedIds;
	}

	/** The live customer objects, by id ascending. */
	all() {
		return this.ids().map((id) => this.byId.get(id));
	}

	nextId() {
		this.created += 1;
		return this.maxId + 1 + ((this.created * 37) % 101);
	}

	/** One page of matching customers after (next) or before (prev) the cursor's id. */
	// Scans only from the cursor outwards (cheap for big stores): the page, plus one more match each side.
	page({ predicate, cursor, pageSize, order = 'id', cacheKey }) {
		if (order !== 'id' || cacheKey !== undefined)
			return this.pageInOrder({ predicate, cursor, pageSize, order, cacheKey });
		const ids = this.ids();
		const matchesAt = (i) => predicate(this.byId.get(ids[i]));
		const found = [];
		if (cursor && cursor.direction === 'prev') {
			for (
				let i = firstIndexAtLeast(ids, cursor.lastId) - 1;
				i >= 0 && found.length < pageSize;
				i--
			) {
				if (matchesAt(i)) found.unshift(i);
			}
		} else {
			const from = cursor ? firstIndexAtLeast(ids, cursor.lastId + 1) : 0;
			for (let i = from; i < ids.length && found.length < pageSize; i++)
				if (matchesAt(i)) found.push(i);
		}
		const customers = found.map((i) => this.byId.get(ids[i]));
		const result = { customers };
		if (found.length === 0) return result;
		const last = found[found.length - 1];
		for (let i = last + 1; i < ids.length; i++) {
			if (matchesAt(i)) {
				result.next_page = this.cursorAt(customers[customers.length - 1], 'next');
				break;
			}
		}
		for (let i = found[0] - 1; i >= 0; i--) {
			if (matchesAt(i)) {
				result.prev_page = this.cursorAt(customers[0], 'prev');
				break;
			}
		}
		return result;
	}

	/**
	 * A page in another order the API might use (its order is undocumented): by updated_at ascending or
	 * descending, or a fixed shuffle; or by id under a fixed search clock. The cursor holds the last sort
	 * key and id; next pages only (no prev_page).
	 */
	pageInOrder({ predicate, cursor, pageSize, order, cacheKey }) {
		// The sorted matches are kept while the same search is paged through and nothing changes (big shops stay fast).
		const key = cacheKey === undefined ? undefined : `${order}|${this.version}|${cacheKey}`;
		let rows =
			key !== undefined && this.ordered && this.ordered.key === key ? this.ordered.rows : undefined;
		if (!rows) {
			const keyOf = SORT_KEYS[order];
			rows = [];
			for (const id of this.ids()) {
				const customer = this.byId.get(id);
				if (predicate(customer)) rows.push({ key: keyOf(customer), customer });
			}
			rows.sort((a, b) => a.key - b.key || a.customer.id - b.customer.id);
			this.ordered = key === undefined ? undefined : { key, rows };
		}
		let from = 0;
		if (cursor) {
			const after = (row) =>
				row.key > cursor.lastValue ||
				(row.key === cursor.lastValue && row.customer.id > cursor.lastId);
			let hi = rows.length;
			while (from < hi) {
				const mid = (from + hi) >>> 1;
				if (after(rows[mid])) hi = mid;
				else from = mid + 1;
			}
		}
		const slice = rows.slice(from, from + pageSize);
		const result = { customers: slice.map((row) => row.customer) };
		const last = slice[slice.length - 1];
		if (last && from + pageSize < rows.length)
			result.next_page = encodeCursor({
				lastId: last.customer.id,
				lastValue: last.key,
				direction: 'next',
			});
		return result;
	}

	cursorAt(customer, direction) {
		const created = Date.parse(customer.created_at);
		return encodeCursor({
			lastId: customer.id,
			lastValue: Number.isNaN(created) ? null : unixSeconds(created),
			direction,
		});
	}

	nextAddressId() {
		this.addressIds = (this.addressIds || FIRST_ID + 1_000_000_000) + 1;
		return this.addressIds;
	}

	remove(id) {
		const customer = this.byId.get(id);
		if (!customer) return false;
		this.byId.delete(id);
		this.unindexPhone(customer);
		if (this.sortedIds) this.sortedIds.splice(firstIndexAtLeast(this.sortedIds, id), 1);
		this.version += 1;
		if (customer.email && this.emails.get(customer.email.toLowerCase()) === id) {
			this.emails.delete(customer.email.toLowerCase());
		}
		return true;
	}

	/** Applies a plan from validate.planWrite (timestamps `nowMs`; searchable from wall time `indexedAtMs`); nothing here can fail. */
	commit(kind, plan, nowMs = Date.now(), indexedAtMs = 0) {
		this.version += 1;
		for (const step of plan) {
			const customer = kind === 'create' ? this.blankCustomer(nowMs) : this.byId.get(step.id);
			this.applyAttributes(customer, step.attrs, nowMs);
			this.applyFields(customer, step.fields, nowMs);
			customer.updated_at = shopTime(nowMs);
			if (kind === 'create') this.insert(customer);
			this.indexedAt.set(customer.id, indexedAtMs);
		}
	}

	/** Whether the search index shows the customer's latest write yet. */
	isIndexed(id, wallMs = Date.now()) {
		return (this.indexedAt.get(id) ?? 0) <= wallMs;
	}

	blankCustomer(nowMs) {
		return {
			id: this.nextId(),
			email: null,
			accepts_marketing: false,
			created_at: shopTime(nowMs),
			updated_at: shopTime(nowMs),
			first_name: null,
			last_name: null,
			orders_count: 0,
			state: 'disabled',
			total_spent: '0.00',
			note: null,
			verified_email: true,
			multipass_identifier: null,
			tax_exempt: false,
			phone: null,
			tags: '',
			currency: 'USD',
			email_marketing_state: 'not_subscribed',
			product_subscriber_status: null,
			activation_date: null,
			first_order_date: null,
			order_date: null,
			last_abandoned_order_date: null,
			default_address: null,
			customer_fields: [],
		};
	}

	applyAttributes(customer, given, nowMs) {
		const attrs = applyShopifyAttributes(customer, given, () => this.nextAddressId());
		if ('phone' in attrs) this.unindexPhone(customer);
		if (
			'email' in attrs &&
			customer.email &&
			this.emails.get(customer.email.toLowerCase()) === customer.id
		) {
			this.emails.delete(customer.email.toLowerCase());
		}
		for (const [key, value] of Object.entries(attrs))
			customer[key] = key === 'tags' && value === null ? '' : value;
		if ('email' in attrs && customer.email)
			this.emails.set(customer.email.toLowerCase(), customer.id);
		if ('phone' in attrs) this.indexPhone(customer);
		if ('accepts_marketing' in attrs) {
			if (!('accepts_marketing_updated_at' in attrs))
				customer.accepts_marketing_updated_at = shopTime(nowMs);
			if (attrs.accepts_marketing) customer.email_marketing_state = 'subscribed';
			else if (
				customer.email_marketing_state === 'subscribed' ||
				customer.email_marketing_state === 'pending'
			) {
				customer.email_marketing_state = 'unsubscribed';
			}
		}
	}

	applyFields(customer, fields, nowMs) {
		for (const [name, value] of fields) {
			const index = customer.customer_fields.findIndex((f) => f.machine_name === name);
			if (value === null) {
				if (index !== -1) customer.customer_fields.splice(index, 1);
			} else if (index !== -1) {
				Object.assign(customer.customer_fields[index], { value, updated_at: unixSeconds(nowMs) });
			} else {
				const now = unixSeconds(nowMs);
				customer.customer_fields.push({
					machine_name: name,
					label: this.labelOf(name),
					value,
					created_at: now,
					updated_at: now,
				});
			}
		}
	}
}

// Sort keys of the orders pageInOrder plays; 'random' is a fixed shuffle by a hash of the id.
const SORT_KEYS = {
	id: (c) => c.id,
	updatedAsc: (c) => Date.parse(c.updated_at) || 0,
	updatedDesc: (c) => -(Date.parse(c.updated_at) || 0),
	random: (c) => Math.imul(c.id ^ 0x5bd1e995, 0x9e3779b1) >>> 0,
};
const RESULT_ORDERS = Object.keys(SORT_KEYS);

module.exports = { CustomerStore, RESULT_ORDERS };

/** Index of the first id >= target in an ascending array (binary search). */
function firstIndexAtLeast(ids, target) {
	let lo = 0;
	let hi = ids.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (ids[mid] < target) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
