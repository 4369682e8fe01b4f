'use strict';
// Deterministic, realistic sample customers (seeded PRNG: same n and seed → same data).
const { shopTime, unixSeconds } = require('./time');

const CUSTOM_FIELD_DEFINITIONS = Object.freeze(
	[
		{
			machine_name: 'loyalty_tier',
			label: 'Loyalty tier',
			type: 'select',
			options: ['bronze', 'silver', 'gold'],
		},
		{ machine_name: 'birthday', label: 'Birthday', type: 'date' },
		{ machine_name: 'company_size', label: 'Company size', type: 'number' },
		{ machine_name: 'preferred_language', label: 'Preferred language', type: 'text' },
		{ machine_name: 'vat_number', label: 'VAT number', type: 'text' },
		{ machine_name: 'newsletter_opt_in', label: 'Newsletter opt-in', type: 'checkbox' },
	].map((definition) => Object.freeze(definition)),
);

const FIRST_ID = 6940095564123;

const FIRST_NAMES = [
	'Zoë',
	'Jürgen',
	'Chloé',
	'Søren',
	'José',
	'Amélie',
	'Björn',
	'Ana',
	'Mateo',
	'Aiko',
	'Priya',
	'Liam',
	'Emma',
	'Noah',
	'Olivia',
	'Lukas',
	'Mia',
	'Hiroshi',
	'Yuki',
	'Fatima',
	'Omar',
	'Léa',
	'Ingrid',
	'Sofia',
	'Giulia',
	'Marco',
	'Wei',
	'Siobhán',
	'Kwame',
	'Ava',
	'Ethan',
	'Isabella',
	'Hannah',
	'Jonas',
	'Eva',
	'Pablo',
	'Bob',
	'Grace',
	'Ines',
	'Tomás',
];
const LAST_NAMES = [
	'Müller',
	'Schröder',
	"O'Brien",
	'García',
	'Nguyen',
	'Smith',
	'Johnson',
	'Williams',
	'Brown',
	'Dubois',
	'Rossi',
	'Kowalski',
	'Tanaka',
	'Sato',
	'Kim',
	'Patel',
	'Silva',
	'Santos',
	'Jensen',
	'Andersson',
	'Novák',
	'Ødegaard',
	'Fernández',
	'López',
	'Martin',
	'Schmidt',
	'Fischer',
	'Wagner',
	'Murphy',
	'Okafor',
	'Mensah',
	'Cohen',
	'Singh',
	'Wang',
	'Zhang',
	'Taylor',
	'Norman',
];
const PLACES = [
	{
		country: 'United States',
		code: 'US',
		currency: 'USD',
		dial: '+1',
		cities: [
			['Louisville', 'Kentucky', 'KY', '402'],
			['New York', 'New York', 'NY', '100'],
			['Austin', 'Texas', 'TX', '787'],
			['Portland', 'Oregon', 'OR', '972'],
		],
	},
	{
		country: 'Canada',
		code: 'CA',
		currency: 'CAD',
		dial: '+1',
		cities: [
			['Montréal', 'Quebec', 'QC', 'H2X'],
			['Toronto', 'Ontario', 'ON', 'M5V'],
		],
	},
	{
		country: 'Germany',
		code: 'DE',
		currency: 'EUR',
		dial: '+49',
		cities: [
			['Berlin', 'Berlin', 'BE', '101'],
			['München', 'Bavaria', 'BY', '803'],
			['Köln', 'North Rhine-Westphalia', 'NW', '506'],
		],
	},
	{
		country: 'United Kingdom',
		code: 'GB',
		currency: 'GBP',
		dial: '+44',
		cities: [
			['London', 'England', 'ENG', 'SW1'],
			['Edinburgh', 'Scotland', 'SCT', 'EH1'],
		],
	},
	{
		country: 'France',
		code: 'FR',
		currency: 'EUR',
		dial: '+33',
		cities: [
			['Paris', 'Île-de-France', 'IDF', '750'],
			['Lyon', 'Auvergne-Rhône-Alpes', 'ARA', '690'],
		],
	},
	{
		country: 'Japan',
		code: 'JP',
		currency: 'JPY',
		dial: '+81',
		cities: [
			['Tokyo', 'Tokyo', 'JP-13', '100'],
			['Ōsaka', 'Osaka', 'JP-27', '530'],
		],
	},
	{
		country: 'Brazil',
		code: 'BR',
		currency: 'BRL',
		dial: '+55',
		cities: [['São Paulo', 'São Paulo', 'SP', '010']],
	},
	{
		country: 'Australia',
		code: 'AU',
		currency: 'AUD',
		dial: '+61',
		cities: [['Sydney', 'New South Wales', 'NSW', '200']],
	},
	{
		country: 'Netherlands',
		code: 'NL',
		currency: 'EUR',
		dial: '+31',
		cities: [['Amsterdam', 'North Holland', 'NH', '101']],
	},
	{
		country: 'Spain',
		code: 'ES',
		currency: 'EUR',
		dial: '+34',
		cities: [
			['Madrid', 'Madrid', 'M', '280'],
			['Barcelona', 'Catalonia', 'B', '080'],
		],
	},
];
const STREETS = [
	'Chestnut Street',
	'Hauptstraße',
	'Rue de Rivoli',
	'Calle Mayor',
	'King Street',
	'Sakura-dori',
	'Keizersgracht',
	'Avenida Paulista',
];
const COMPANIES = [
	null,
	null,
	null,
	'Acme Corp',
	'Müller & Söhne GmbH',
	'Nordic Supply AB',
	'Tanaka Trading',
	'Smith, Jones | Partners',
	'Blue Fern Studio',
];
const TAG_POOL = [
	'vip',
	'wholesale',
	'newsletter',
	'test',
	'b2b',
	'spring-2026',
	'returning',
	'first-order',
	'loyalty',
	'eu',
	'influencer',
	'churn-risk',
];
const DOMAINS = ['example.com', 'example.org', 'example.net', 'inbox.example', 'shopper.example'];
const LANGUAGES = ['en', 'de', 'fr', 'es', 'ja', 'pt-BR', 'nl'];
const STATES = [
	['enabled', 50],
	['disabled', 30],
	['invited', 15],
	['declined', 5],
];
const SUBSCRIBER = ['active', 'cancelled', 'never_subscribed', null];
const NOTES = [
	null,
	null,
	null,
	'Prefers email contact',
	'Placed an order that had a fraud warning',
	'Wholesale account, net 30',
	'Ask about the spring collection',
];

const START = Date.parse('2023-01-01T00:00:00Z');
const CREATED_END = Date.parse('2026-06-30T00:00:00Z');
const END = Date.parse('2026-10-31T00:00:00Z');

/** mulberry32: a small, fast, seedable PRNG. */
function prng(seed) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (list) => list[Math.floor(next() * list.length)],
		chance: (p) => next() < p,
		between: (from, to) => from + Math.floor(next() * (to - from)),
		weighted: (pairs) => {
			let roll = next() * pairs.reduce((sum, [, w]) => sum + w, 0);
			for (const [value, weight] of pairs) if ((roll -= weight) < 0) return value;
			return pairs[pairs.length - 1][0];
		},
	};
}

function asciiFold(text) {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/ø/gi, 'o')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

function digits(rand, count) {
	let out = '';
	for (let i = 0; i < count; i++) out += rand.int(0, 9);
	return out;
}

/**
 * @param {number} n how many customers
 * @param {{ seed?: number, firstId?: number, customFieldDefinitions?: object[] }} [options]
 */
function generateCustomers(n, options = {}) {
	const {
		seed = 1,
		firstId = FIRST_ID,
		customFieldDefinitions = CUSTOM_FIELD_DEFINITIONS,
	} = options;
	const rand = prng(seed);
	const customers = [];
	let id = firstId;
	for (let i = 0; i < n; i++) {
		customers.push(makeCustomer(rand, i, id, customFieldDefinitions));
		id += rand.int(1, 4096);
	}
	return customers;
}

function makeCustomer(rand, i, id, definitions) {
	const first = rand.pick(FIRST_NAMES);
	const last = rand.pick(LAST_NAMES);
	const place = rand.pick(PLACES);
	const [city, province, provinceCode, zipPrefix] = rand.pick(place.cities);
	const createdMs = rand.between(START, CREATED_END);
	const updatedMs = rand.between(createdMs, END);
	const ordersCount = rand.chance(0.2) ? 0 : rand.int(1, 40);
	const state = rand.weighted(STATES);
	const acceptsMarketing = rand.chance(0.55);
	// About one in twelve has "test" in the address, so cleanup-by-filter demos find something.
	const email =
		i % 12 === 5
			? `${rand.pick(['test', 'qa.test', 'test.order'])}+${i}@${rand.pick(DOMAINS)}`
			: `${asciiFold(first)}.${asciiFold(last)}${i}@${rand.pick(DOMAINS)}`;
	const dateIn = (fromMs, toMs) => shopTime(rand.between(fromMs, Math.max(fromMs + 1, toMs)));
	const firstOrderMs = ordersCount > 0 ? rand.between(createdMs, updatedMs + 1) : null;
	return {
		id,
		email,
		accepts_marketing: acceptsMarketing,
		created_at: shopTime(createdMs),
		updated_at: shopTime(updatedMs),
		first_name: first,
		last_name: last,
		orders_count: ordersCount,
		state,
		total_spent:
			ordersCount === 0 ? '0.00' : ((ordersCount * rand.int(1500, 25000)) / 100).toFixed(2),
		note: rand.pick(NOTES),
		verified_email: rand.chance(0.9),
		multipass_identifier: rand.chance(0.1) ? `mp-${digits(rand, 8)}` : null,
		tax_exempt: rand.chance(0.05),
		phone: rand.chance(0.85)
			? `${place.dial}${rand.int(2, 9)}${digits(rand, 5)}${String(i).padStart(4, '0')}`
			: null,
		tags: rand.chance(0.25) ? '' : pickTags(rand).join(', '),
		currency: place.currency,
		email_marketing_state: acceptsMarketing
			? rand.weighted([
					['subscribed', 9],
					['pending', 1],
				])
			: rand.pick(['not_subscribed', 'unsubscribed']),
		product_subscriber_status: rand.pick(SUBSCRIBER),
		activation_date: state === 'enabled' ? dateIn(createdMs, updatedMs) : null,
		first_order_date: firstOrderMs === null ? null : shopTime(firstOrderMs),
		order_date: firstOrderMs === null ? null : dateIn(firstOrderMs, updatedMs),
		last_abandoned_order_date: rand.chance(0.3) ? dateIn(createdMs, updatedMs) : null,
		default_address: rand.chance(0.93)
			? {
					id: id + 1_000_000_000,
					customer_id: id,
					first_name: first,
					last_name: last,
					company: rand.pick(COMPANIES),
					address1: `${rand.pick(STREETS)} ${rand.int(1, 240)}`,
					address2: rand.chance(0.3) ? `Apartment ${rand.int(1, 40)}` : null,
					city,
					province,
					country: place.country,
					zip: `${zipPrefix}${digits(rand, 2)}`,
					phone: null,
					province_code: provinceCode,
					country_code: place.code,
					country_name: place.country,
					default: true,
				}
			: null,
		customer_fields: makeCustomFields(rand, definitions, createdMs, updatedMs),
	};
}

function pickTags(rand) {
	const tags = new Set();
	const count = rand.int(1, 3);
	while (tags.size < count) tags.add(rand.pick(TAG_POOL));
	return [...tags];
}

function makeCustomFields(rand, definitions, createdMs, updatedMs) {
	const fields = [];
	for (const definition of definitions) {
		if (!rand.chance(0.8)) continue;
		const created = rand.between(createdMs, updatedMs + 1);
		fields.push({
			machine_name: definition.machine_name,
			label: definition.label,
			value: sampleValue(rand, definition),
			created_at: unixSeconds(created),
			updated_at: unixSeconds(rand.between(created, updatedMs + 1)),
		});
	}
	return fields;
}

function sampleValue(rand, definition) {
	switch (definition.machine_name) {
		case 'preferred_language':
			return rand.pick(LANGUAGES);
		case 'vat_number':
			return `${rand.pick(['DE', 'FR', 'NL', 'ES', 'GB'])}${digits(rand, 9)}`;
		default:
			break;
	}
	switch (definition.type) {
		case 'select':
			return rand.pick(
				definition.options && definition.options.length
					? definition.options
					: ['one', 'two', 'three'],
			);
		case 'date':
			return new Date(rand.between(Date.parse('1950-01-01'), Date.parse('2006-12-31')))
				.toISOString()
				.slice(0, 10);
		case 'number':
			return String(rand.pick([1, 5, 12, 40, 150, 800, 2500]));
		case 'checkbox':
			return rand.chance(0.6) ? 'true' : 'false';
		default:
			return `Value ${digits(rand, 4)}`;
	}
}

module.exports = { CUSTOM_FIELD_DEFINITIONS, FIRST_ID, generateCustomers };
