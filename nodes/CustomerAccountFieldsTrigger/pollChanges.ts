import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';

import { readPages } from '../CustomerAccountFields/customers';
import { outputSettings, shapeCustomer } from '../CustomerAccountFields/descriptions/output';
import {
	changedAfterValue,
	changeTimeOf,
	selectNewChanges,
	type PollState,
	type TriggerEvent,
} from '../CustomerAccountFields/helpers/changeWatermark';
import { buildFilterQuery, type FilterCondition } from '../CustomerAccountFields/filters/query';
import { toItemError, type ItemError } from '../CustomerAccountFields/helpers/itemError';

export const DEFAULT_OVERLAP_SECONDS = 300;
/** The first poll without Include Existing reads this far back to find the newest change (the watermark). */
const FIRST_READ_MS = 86_400_000;

type Precision = 'instant' | 'day';

interface Settings {
	event: TriggerEvent;
	watched: string[];
	conditions: FilterCondition[];
	overlapMs: number;
	includeExisting: boolean;
	timeoutMs?: number;
	output: ReturnType<typeof outputSettings>;
}

function readSettings(this: IPollFunctions): Settings {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const event = this.getNodeParameter('event', 'customerUpdated') as TriggerEvent;
	const watched = event === 'customFieldChanged' ? (this.getNodeParameter('customFields', []) as string[] | string) : [];
	return {
		event,
		watched: (Array.isArray(watched) ? watched : String(watched).split(',')).map((name) => String(name).trim()).filter(Boolean),
		conditions: this.getNodeParameter('filters.conditions', []) as FilterCondition[],
		overlapMs: Math.max(0, Number(options.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS)) * 1000,
		includeExisting: options.includeExisting === true,
		timeoutMs: typeof options.timeout === 'number' ? options.timeout : undefined,
		output: outputSettings(this.getNodeParameter('output', 'simplified'), this.getNodeParameter('fields', [])),
	};
}

/**
 * One poll: reads the customers changed since the watermark minus the overlap, emits the changes not
 * emitted before, and only then saves the new watermark (an API error leaves it where it was).
 */
export async function pollChanges(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings.call(this);
	if (this.getMode() === 'manual') return await sampleCustomer.call(this, settings);

	const staticData = this.getWorkflowStaticData('node');
	const saved = savedState(staticData, settings.event);
	const firstFrom = settings.includeExisting ? undefined : changeTimeFloor(Date.now() - FIRST_READ_MS);
	const from = saved ? saved.queryFrom - settings.overlapMs - 1000 : firstFrom;
	const { customers, precision } = await readChangedAfter.call(this, settings, from, staticData.dateFilter === 'day' ? 'day' : 'instant');
	const start: PollState = saved ?? { event: settings.event, watermark: from ?? 0, queryFrom: from ?? 0, seen: [] };
	const { emit, state } = selectNewChanges(customers, start, { overlapMs: settings.overlapMs, watched: settings.watched });

	Object.assign(staticData, state, { dateFilter: precision });
	const emitted = saved || settings.includeExisting ? emit : [];
	if (emitted.length === 0) return null;
	return [emitted.map((customer) => ({ json: shapeCustomer(customer, settings.output) }))];
}

function savedState(staticData: IDataObject, event: TriggerEvent): PollState | undefined {
	// A different event watches a different timestamp: start afresh rather than compare unlike times.
	if (staticData.event !== event || typeof staticData.watermark !== 'number' || typeof staticData.queryFrom !== 'number') return undefined;
	return {
		event,
		watermark: staticData.watermark,
		queryFrom: staticData.queryFrom,
		seen: Array.isArray(staticData.seen) ? staticData.seen.map(String) : [],
	};
}

function changeTimeFloor(ms: number): number {
	return Math.floor(ms / 1000) * 1000;
}

/**
 * All matching customers changed after `from` (all of them when undefined). The date-time filter is
 * tried first; an API that refuses it (400) is asked by date instead, and that choice is remembered.
 */
async function readChangedAfter(
	this: IPollFunctions,
	settings: Settings,
	from: number | undefined,
	precision: Precision,
): Promise<{ customers: IDataObject[]; precision: Precision }> {
	try {
		return { customers: await readAll.call(this, settings, from, precision), precision };
	} catch (error) {
		const refusedDateTime = error instanceof NodeApiError && error.httpCode === '400' && precision === 'instant' && from !== undefined;
		if (!refusedDateTime) throw nodeError.call(this, error);
		return { customers: await readAll.call(this, settings, from, 'day'), precision: 'day' };
	}
}

async function readAll(this: IPollFunctions, settings: Settings, from: number | undefined, precision: Precision): Promise<IDataObject[]> {
	const conditions = [...settings.conditions];
	if (from !== undefined) {
		const field = settings.event === 'customerCreated' ? 'customer_date' : 'updated_at';
		conditions.push({ field, operator: 'gt', value: changedAfterValue(from, precision) });
	}
	const customers: IDataObject[] = [];
	await readPages.call(this, queryOf.call(this, conditions), {
		timeoutMs: settings.timeoutMs,
		onPage: (page) => {
			for (const customer of page) customers.push(customer);
		},
	});
	return customers;
}

function queryOf(this: IPollFunctions, conditions: FilterCondition[]): IDataObject {
	try {
		const filters = buildFilterQuery(conditions);
		return filters ? { filters } : {};
	} catch (error) {
		throw nodeError.call(this, error);
	}
}

function nodeError(this: IPollFunctions, error: unknown): ItemError {
	return toItemError(this.getNode(), error);
}

/** "Fetch Test Event": the most recently changed of the first matching customers; the watermark is left alone. */
async function sampleCustomer(this: IPollFunctions, settings: Settings): Promise<INodeExecutionData[][] | null> {
	const customers: IDataObject[] = [];
	await readPages.call(this, queryOf.call(this, settings.conditions), {
		limit: 50,
		timeoutMs: settings.timeoutMs,
		onPage: (page) => customers.push(...page),
	});
	const timeOf = (customer: IDataObject) =>
		changeTimeOf(customer, settings.event, settings.watched) ?? (settings.event === 'customFieldChanged' ? -Infinity : 0);
	const newest = customers.reduce<IDataObject | undefined>((best, customer) => (!best || timeOf(customer) > timeOf(best) ? customer : best), undefined);
	if (!newest) {
		throw new NodeOperationError(this.getNode(), 'No customer matches the filters', {
			description: 'Fetch Test Event shows a recent real customer. Remove or change the filter conditions, or add a customer that matches them.',
		});
	}
	return [[{ json: shapeCustomer(newest, settings.output) }]];
}
