// Types for the Customer Account Fields API emulator (plain CommonJS in index.js and its modules).

export type CustomFieldType = 'text' | 'number' | 'date' | 'select' | 'checkbox';

export interface CustomFieldDefinition {
	machine_name: string;
	label: string;
	type: CustomFieldType;
	/** For `select`: the allowed values (writes with another value are refused). */
	options?: readonly string[];
}

export interface CustomerFieldValue {
	machine_name: string;
	label: string;
	value: string;
	/** Unix seconds. */
	created_at: number;
	updated_at: number;
}

export interface CustomerAddress {
	id?: number;
	customer_id?: number;
	first_name?: string | null;
	last_name?: string | null;
	address1: string | null;
	address2: string | null;
	city: string | null;
	company: string | null;
	country: string | null;
	province: string | null;
	zip: string | null;
	phone?: string | null;
	country_code: string | null;
	province_code: string | null;
	country_name?: string | null;
	default?: boolean;
}

export type CustomerState = 'disabled' | 'invited' | 'enabled' | 'declined';
export type EmailMarketingState = 'subscribed' | 'not_subscribed' | 'unsubscribed' | 'pending';

/** A customer as the API returns it. */
export interface Customer {
	id: number;
	email: string | null;
	first_name: string | null;
	last_name: string | null;
	phone: string | null;
	/** Comma+space separated, e.g. "vip, wholesale"; "" for none. */
	tags: string;
	note: string | null;
	accepts_marketing: boolean;
	accepts_marketing_updated_at?: string;
	email_marketing_state: EmailMarketingState | null;
	verified_email: boolean;
	state: CustomerState;
	orders_count: number;
	/** Decimal string, e.g. "375.30". */
	total_spent: string;
	currency: string;
	tax_exempt?: boolean;
	/** Canadian exemptions (seed 002's list). */
	tax_exemptions?: string[];
	marketing_opt_in_level?: 'single_opt_in' | 'confirmed_opt_in' | 'unknown' | null;
	/** Present once written; the seed's sample customers have only default_address. */
	addresses?: CustomerAddress[];
	metafields?: Array<{
		namespace: string;
		key: string;
		value: string | number;
		value_type: 'string' | 'integer';
		description: string | null;
	}>;
	/** ISO 8601 with the shop's offset (-04:00). */
	created_at: string;
	updated_at: string;
	multipass_identifier: string | null;
	product_subscriber_status: string | null;
	activation_date: string | null;
	first_order_date: string | null;
	order_date: string | null;
	last_abandoned_order_date: string | null;
	default_address: CustomerAddress | null;
	customer_fields: CustomerFieldValue[];
}

/**
 * A customer to seed: any subset of Customer. `customer_fields` may also be a { machine_name: value } map,
 * `tags` an array; a missing id is assigned.
 */
export type CustomerSeed = Partial<Omit<Customer, 'customer_fields' | 'tags'>> & {
	customer_fields?: CustomerFieldValue[] | Record<string, string | number | boolean>;
	tags?: string | string[];
	[key: string]: unknown;
};

export type FaultKind =
	| '429'
	| '500'
	| '502'
	| '503'
	| '504'
	| 'reset'
	| 'slow'
	| 'malformed'
	| 'status-error'
	| '400'
	| '403'
	| 'redirect'
	| 'empty-page';

export interface FaultSpec {
	method?: 'GET' | 'PUT' | 'POST' | 'DELETE';
	/** A string matches the full path (/v2/customers/1) or the path below the API root (/customers/1); a RegExp is tested on the full path. */
	path?: string | RegExp;
	/** Fire on the nth matching request (skip nth-1 first). Default 1. */
	nth?: number;
	kind: FaultKind;
	/** Retry-After header value to send (for '429' the emulator's retryAfterOn429 is used when absent). */
	retryAfter?: string;
	/** For 'slow': how long to wait before replying. Default 30000. */
	delayMs?: number;
	/** Error message for 5xx / '400' / '429' / 'status-error'. */
	message?: string;
	/** Carry out the real operation first, then reply with the fault. */
	afterWrite?: boolean;
	/** How many matching requests the fault fires on. Default 1. */
	times?: number;
	/** A hostile server: the x-api-key received is echoed in the message, body fields and headers (replies with a status only). */
	echoKey?: boolean;
	/** For 'redirect': the Location header. */
	location?: string;
	/** For 'redirect': the 3xx status. Default 302. */
	status?: number;
}

export interface RequestLogEntry {
	method: string;
	/** Full path, e.g. /v2/customers/123. */
	path: string;
	/** URL-decoded query; a repeated key gives an array. */
	query: Record<string, string | string[]>;
	/** Parsed JSON for PUT/POST (raw text when not JSON); raw text or undefined for GET/DELETE. */
	body: unknown;
	/** HTTP status sent; 0 when no reply was sent (reset, client gone, emulator stopped); null while in flight. */
	status: number | null;
	/** Epoch milliseconds (sub-millisecond precision). */
	startedAt: number;
	endedAt: number | null;
	/** The x-api-key value is never stored, only this verdict. */
	auth: 'ok' | 'missing' | 'bad';
	/** Header x-delete-empty-metafields: true was sent. */
	deleteEmpty: boolean;
	fault?: FaultKind;
	/** The client disconnected (or the emulator stopped) before the reply. */
	aborted?: boolean;
}

export interface EmulatorStats {
	total: number;
	byStatus: Record<number, number>;
	/** The most accepted requests seen in one window (spacing, calendar), or being processed at once (one-at-a-time). */
	maxAcceptedInWindow: number;
}

/** [min, max] ms, drawn uniformly; a number is a fixed delay. */
export type DelayRange = readonly [number, number] | number;

/** Delays on the way in (before the rate limit sees the request), in the server (accepted requests only) and on the way out. */
export interface LatencyModel {
	in?: DelayRange;
	server?: DelayRange;
	out?: DelayRange;
}

/**
 * The plausible readings of "rateLimit requests per windowMs":
 * - spacing: a sliding window on arrival time (default);
 * - calendar: at most rateLimit per calendar window;
 * - one-at-a-time: at most rateLimit being processed at once; a request arriving meanwhile gets 429.
 */
export type RateReading = 'spacing' | 'calendar' | 'one-at-a-time';

export const RATE_READINGS: readonly RateReading[];

export function parseLatency(text: string): LatencyModel;

export interface TunableOptions {
	windowMs?: number;
	rateLimit?: number;
	throttle?: boolean;
	latencyMs?: number;
	latency?: LatencyModel;
	/** Default: the CAF_EMULATOR_RATE_READING environment variable, else 'spacing'. */
	rateReading?: RateReading;
	retryAfterOn429?: string;
	/** The stricter reading of the filter syntax: an unquoted value containing whitespace is 400. Default false. */
	rejectUnquotedSpaces?: boolean;
	pageSize?: number;
	maxBatch?: number;
	/** A write shows in filtered (search) lists only this many ms later; unfiltered lists and GET by id see it at once. Default 0. */
	indexDelayMs?: number;
	/** Epoch ms that writes stamp as created_at/updated_at (fixed time for tests); undefined = the clock. */
	nowMs?: number;
	/**
	 * 'dateOnly': date filter values must be YYYY-MM-DD (a date-time is 400 invalid filter value). 'byDay': a date-time
	 * value counts only by its shop-local calendar date. Default 'any'.
	 */
	dateFilters?: 'any' | 'dateOnly' | 'byDay';
	/**
	 * The order of GET /customers (the API's is undocumented): 'id' (default), 'updatedAsc', 'updatedDesc', or
	 * 'random' (a fixed shuffle). Cursors follow the order.
	 */
	resultOrder?: 'id' | 'updatedAsc' | 'updatedDesc' | 'random';
	/** The clock (epoch ms) the search index is compared with, for simulated time; undefined = the wall clock. */
	searchNowMs?: number;
}

export interface EmulatorOptions extends TunableOptions {
	/** 0 (default) = ephemeral. The host is always 127.0.0.1. */
	port?: number;
	shopDomain?: string;
	apiKey?: string;
	/** The value the shop_id filter compares with. Default 60000000001. */
	shopId?: number;
	/** Initial customers, or a count for generateCustomers(n, { seed }). */
	customers?: CustomerSeed[] | number;
	/** Seed for generated customers. Default 1. */
	seed?: number;
	customFieldDefinitions?: readonly CustomFieldDefinition[];
	/** Called after each request is answered (or dropped), with its log entry. */
	onRequest?: (entry: RequestLogEntry) => void;
}

export interface ResetOptions extends TunableOptions {
	customers?: CustomerSeed[] | number;
	customFieldDefinitions?: readonly CustomFieldDefinition[];
	seed?: number;
}

export interface Emulator {
	/** http://127.0.0.1:PORT/v2 */
	readonly baseUrl: string;
	readonly port: number;
	readonly shopDomain: string;
	readonly apiKey: string;
	/** Live state: the current customer objects, id ascending (a fresh array of the live objects). */
	readonly customers: Customer[];
	readonly requests: RequestLogEntry[];
	stats(): EmulatorStats;
	queueFault(fault: FaultSpec): void;
	/**
	 * Changes customers without a request, as another writer would: `updated_at` (and the named custom fields'
	 * `updated_at`, set to the given values) become `atMs`; searches show it from `visibleAtMs` on the search clock.
	 */
	touch(
		ids: readonly number[],
		change: { atMs: number; visibleAtMs?: number; customFields?: Record<string, string> },
	): void;
	reset(options?: ResetOptions): void;
	setOptions(options: TunableOptions): void;
	stop(): Promise<void>;
}

export function startEmulator(options?: EmulatorOptions): Promise<Emulator>;
export function generateCustomers(
	n: number,
	options?: {
		seed?: number;
		firstId?: number;
		customFieldDefinitions?: readonly CustomFieldDefinition[];
	},
): Customer[];
export const CUSTOM_FIELD_DEFINITIONS: readonly CustomFieldDefinition[];
/** The 31 filter field names the API documents. */
export const FILTER_FIELDS: readonly string[];
export const FILTER_OPERATORS: readonly string[];
export const FAULT_KINDS: readonly FaultKind[];
/** Parses a decoded `filters` value as the emulator does; throws on a malformed condition or unknown operator. */
export function parseFilters(
	text: string,
): Array<{ field: string; operator: string; value: string }>;
export function encodeCursor(position: {
	lastId: number;
	lastValue?: number | null;
	direction: 'next' | 'prev';
}): string;
export function decodeCursor(
	cursor: string,
): { lastId: number; lastValue: number | null; direction: 'next' | 'prev' } | null;
