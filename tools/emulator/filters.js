'use strict';
// The `filters` query parameter: field|operator|value,field|operator|value (all must match).
const { shopTime } = require('./time');

const OPERATORS = [
	'contains',
	'not_contains',
	'empty',
	'not_empty',
	'equals',
	'not_equals',
	'gt',
	'lt',
];

/** How each of the seed's 31 filter fields reads a customer: [type, getter]. */
const address = (key) => (c) => (c.default_address ? c.default_address[key] : null);
const FIELDS = {
	accepts_marketing: ['boolean', (c) => c.accepts_marketing],
	activation_date: ['date', (c) => c.activation_date],
	address1: ['string', address('address1')],
	address2: ['string', address('address2')],
	city: ['string', address('city')],
	company: ['string', address('company')],
	country: ['string', address('country')],
	customer_date: ['date', (c) => c.created_at],
	customer_first_name: ['string', (c) => c.first_name],
	customer_id: ['number', (c) => c.id],
	customer_last_name: ['string', (c) => c.last_name],
	customer_tag: ['tags', (c) => c.tags],
	email: ['string', (c) => c.email],
	email_marketing_state: ['string', (c) => c.email_marketing_state],
	first_name: ['string', (c) => c.first_name],
	first_order_date: ['date', (c) => c.first_order_date],
	id: ['number', (c) => c.id],
	last_abandoned_order_date: ['date', (c) => c.last_abandoned_order_date],
	last_name: ['string', (c) => c.last_name],
	multipass_identifier: ['string', (c) => c.multipass_identifier],
	orders_count: ['number', (c) => c.orders_count],
	order_date: ['date', (c) => c.order_date],
	phone: ['string', (c) => c.phone],
	province: ['string', address('province')],
	shop_id: ['number', (c, ctx) => ctx.shopId],
	state: ['string', (c) => c.state],
	tag: ['tags', (c) => c.tags],
	total_spent: ['number', (c) => c.total_spent],
	updated_at: ['date', (c) => c.updated_at],
	verified_email: ['boolean', (c) => c.verified_email],
	product_subscriber_status: ['string', (c) => c.product_subscriber_status],
};

const CUSTOM_TYPES = {
	text: 'string',
	select: 'string',
	number: 'number',
	date: 'date',
	checkbox: 'boolean',
};

class FilterError extends Error {}

/**
 * Splits the decoded `filters` text into conditions. Commas and pipes inside a part that starts
 * with a double quote are literal, and the quotes are stripped. There is no escape for a quote
 * inside a quoted part (the API documents none); a part that only contains a quote later is literal.
 */
function parseFilters(text, { rejectUnquotedSpaces = false } = {}) {
	if (text === undefined || text === null || text === '') return [];
	const raw = [];
	let parts = [];
	let current = '';
	let quoted = false;
	let atPartStart = true;
	let segmentStart = 0;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (atPartStart && ch === '"') {
			const end = text.indexOf('"', i + 1);
			const next = text[end + 1];
			if (end === -1 || (next !== undefined && next !== '|' && next !== ',')) {
				throw new FilterError(`invalid filter: ${text.slice(segmentStart)}`);
			}
			current = text.slice(i + 1, end);
			quoted = true;
			i = end;
			atPartStart = false;
		} else if (ch === '|') {
			parts.push(current);
			current = '';
			quoted = false;
			atPartStart = true;
		} else if (ch === ',') {
			parts.push(current);
			raw.push({
				parts,
				text: text.slice(segmentStart, i),
				spaceOutsideQuotes: !quoted && /\s/.test(current),
			});
			parts = [];
			current = '';
			quoted = false;
			atPartStart = true;
			segmentStart = i + 1;
		} else {
			current += ch;
			atPartStart = false;
		}
	}
	parts.push(current);
	raw.push({
		parts,
		text: text.slice(segmentStart),
		spaceOutsideQuotes: !quoted && /\s/.test(current),
	});
	// The stricter reading of the seed: a value with a space must be quoted (the last part is the value).
	if (rejectUnquotedSpaces) {
		const bad = raw.find(
			(condition) => condition.parts.length === 3 && condition.spaceOutsideQuotes,
		);
		if (bad) throw new FilterError(`invalid filter: unquoted value with a space: ${bad.text}`);
	}
	return raw.map(toCondition);
}

function toCondition({ parts, text }) {
	// More than three parts means an unquoted pipe in the value: refused, so client bugs show.
	if (parts.length < 2 || parts.length > 3 || parts[0].trim() === '') {
		throw new FilterError(`invalid filter: ${text}`);
	}
	const operator = parts[1].trim();
	if (!OPERATORS.includes(operator)) throw new FilterError(`invalid filter operator: ${operator}`);
	return { field: parts[0].trim(), operator, value: parts[2] === undefined ? '' : parts[2] };
}

/** Resolves a condition's field to { type, get } or null when the field is unknown (ignored). */
function resolveField(field, definitions) {
	if (Object.prototype.hasOwnProperty.call(FIELDS, field)) {
		const [type, get] = FIELDS[field];
		return { type, get };
	}
	const definition = definitions.find((d) => d.machine_name === field);
	if (!definition) return null;
	const type = CUSTOM_TYPES[definition.type] || 'string';
	const get = (c) => {
		const entry = (c.customer_fields || []).find((f) => f.machine_name === field);
		return entry ? entry.value : null;
	};
	return { type, get };
}

/** Builds a predicate over customers; ctx = { definitions, shopId }. */
function compileFilters(conditions, ctx) {
	const tests = conditions
		.map((condition) => ({ condition, field: resolveField(condition.field, ctx.definitions) }))
		.filter(({ field }) => field !== null)
		.map(({ condition, field }) => {
			checkDateValue(field.type, condition, ctx.dateFilters);
			return { condition, field };
		})
		.map(({ condition, field }) => {
			const wanted =
				field.type === 'date' && ctx.dateFilters === 'byDay'
					? shopDay(condition.value)
					: condition.value;
			return (customer) =>
				matches(field.type, field.get(customer, ctx), condition.operator, wanted);
		});
	return (customer) => tests.every((test) => test(customer));
}

// The dateOnly reading: an API that accepts a calendar date only refuses a date-time value.
function checkDateValue(type, condition, dateFilters) {
	if (
		dateFilters === 'dateOnly' &&
		type === 'date' &&
		condition.value !== '' &&
		!DATE_ONLY.test(condition.value.trim())
	) {
		throw new FilterError(`invalid filter value: ${condition.value}`);
	}
}

function isEmpty(value) {
	return (
		value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
	);
}

function matches(type, value, operator, wanted) {
	switch (operator) {
		case 'empty':
			return isEmpty(value);
		case 'not_empty':
			return !isEmpty(value);
		case 'contains':
			return !isEmpty(value) && String(value).toLowerCase().includes(wanted.toLowerCase());
		case 'not_contains':
			return !matches(type, value, 'contains', wanted);
		case 'equals':
			return !isEmpty(value) && equals(type, value, wanted);
		case 'not_equals':
			return !matches(type, value, 'equals', wanted);
		case 'gt':
		case 'lt': {
			if (isEmpty(value)) return false;
			const order = compare(type, value, wanted);
			return order !== null && (operator === 'gt' ? order > 0 : order < 0);
		}
		default:
			return false;
	}
}

const NUMBER = /^\s*-?\d+(\.\d+)?\s*$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function equals(type, value, wanted) {
	switch (type) {
		case 'number':
			return NUMBER.test(wanted) && Number(value) === Number(wanted);
		case 'boolean':
			return (
				/^(true|false)$/i.test(wanted.trim()) &&
				String(value).toLowerCase() === wanted.trim().toLowerCase()
			);
		case 'tags':
			return splitTags(value).some((tag) => tag.toLowerCase() === wanted.trim().toLowerCase());
		case 'date':
			return compare(type, value, wanted) === 0;
		default:
			return String(value).toLowerCase() === wanted.toLowerCase();
	}
}

/** -1/0/1, or null when the filter value cannot be compared with this type. */
function compare(type, value, wanted) {
	if (type === 'number') {
		if (!NUMBER.test(wanted)) return null;
		return Math.sign(Number(value) - Number(wanted));
	}
	if (type === 'date') return compareDates(String(value), wanted.trim());
	const a = String(value).toLowerCase();
	const b = wanted.toLowerCase();
	return a === b ? 0 : a > b ? 1 : -1;
}

// A date-only filter value compares with the shop-local calendar date the field shows;
// a date-time value compares instants.
function compareDates(value, wanted) {
	if (DATE_ONLY.test(wanted)) {
		if (Number.isNaN(Date.parse(wanted))) return null;
		const day = value.slice(0, 10);
		if (!DATE_ONLY.test(day)) return null;
		return day === wanted ? 0 : day > wanted ? 1 : -1;
	}
	const a = parsedDate(value);
	const b = parsedDate(wanted);
	if (Number.isNaN(a) || Number.isNaN(b)) return null;
	return Math.sign(a - b);
}

// Searches over big shops compare the same timestamps again and again: remember what each parses to.
const PARSED = new Map();
function parsedDate(text) {
	let ms = PARSED.get(text);
	if (ms === undefined) {
		if (PARSED.size > 500_000) PARSED.clear();
		ms = Date.parse(text);
		PARSED.set(text, ms);
	}
	return ms;
}

// The byDay reading: a date-time value counts only by its shop-local calendar date.
function shopDay(value) {
	const ms = Date.parse(value.trim());
	return DATE_ONLY.test(value.trim()) || Number.isNaN(ms) ? value : shopTime(ms).slice(0, 10);
}

function splitTags(tags) {
	return String(tags ?? '')
		.split(',')
		.map((tag) => tag.trim())
		.filter((tag) => tag !== '');
}

module.exports = {
	OPERATORS,
	FILTER_FIELDS: Object.keys(FIELDS),
	FilterError,
	parseFilters,
	compileFilters,
	splitTags,
};
