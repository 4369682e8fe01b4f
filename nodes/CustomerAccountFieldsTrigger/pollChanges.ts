import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';

import { readPages } from '../CustomerAccountFields/customers';
import { outputSettings, shapeCustomer } from '../CustomerAccountFields/descriptions/output';
import { buildFilterQuery, type FilterCondition } from '../CustomerAccountFields/filters/query';
import { toItemError, type ItemError } from '../CustomerAccountFields/helpers/itemError';
import { changeTimeOf, windowField, type TriggerEvent } from './changeTime';
import {
	DEFAULT_MAX_CHANGES_PER_POLL,
	DEFAULT_OVERLAP_SECONDS,
	firstState,
	nextRead,
	pollBudget,
	windowFilters,
	type PlanSettings,
} from './pollPlan';
import { afterRead, type ReadResult } from './afterRead';
import { loadState, savedForm, type DateFilter, type PlanState, type Read } from './pollState';

/** Where a poll reads "now" (the late-index window is measured on it); tests replace `now` to simulate time. */
export const pollClock = { now: (): number => Date.now() };

interface Settings extends PlanSettings {
	conditions: FilterCondition[];
	includeExisting: boolean;
	timeoutMs?: number;
	output: ReturnType<typeof outputSettings>;
}

function readSettings(this: IPollFunctions): Settings {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const event = this.getNodeParameter('event', 'customerUpdated') as TriggerEvent;
	const watched =
		event === 'customFieldChanged'
			? (this.getNodeParameter('customFields', []) as string[] | string)
			: [];
	const max = Number(options.maxChangesPerPoll ?? DEFAULT_MAX_CHANGES_PER_POLL);
	return {
		event,
		watched: (Array.isArray(watched) ? watched : String(watched).split(','))
			.map((name) => String(name).trim())
			.filter(Boolean),
		conditions: this.getNodeParameter('filters.conditions', []) as FilterCondition[],
		overlapMs: Math.max(0, Number(options.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS)) * 1000,
		maxChanges: Number.isFinite(max) && max >= 1 ? Math.floor(max) : DEFAULT_MAX_CHANGES_PER_POLL,
		includeExisting: options.includeExisting === true,
		timeoutMs: typeof options.timeout === 'number' ? options.timeout : undefined,
		output: outputSettings(
			this.getNodeParameter('output', 'simplified'),
			this.getNodeParameter('fields', []),
		),
	};
}

/**
 * One poll: asks the pure plan (pollPlan.ts) for each window to read, reads it, and hands the customers
 * back to the plan, which says what to emit. The state is saved only after the last read: an API error
 * leaves the saved state as it was, and the next poll reads the same windows again.
 */
export async function pollChanges(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings.call(this);
	if (this.getMode() === 'manual') return await sampleCustomer.call(this, settings);

	const staticData = this.getWorkflowStaticData('node');
	const nowMs = pollClock.now();
	let state =
		loadState(staticData, settings.event, settings.overlapMs) ??
		firstState(
			settings.event,
			nowMs,
			settings.includeExisting,
			staticData.dateFilter === 'day' ? 'day' : 'instant',
		);
	const budget = pollBudget(settings, nowMs);
	const emitted: IDataObject[] = [];
	for (
		let read = nextRead(state, settings, budget);
		read;
		read = nextRead(state, settings, budget)
	) {
		const done = await readWindow.call(this, settings, state, read);
		const outcome = afterRead(done.state, read, done.result, settings, budget);
		state = outcome.state;
		for (const customer of outcome.emit) emitted.push(customer);
	}

	for (const key of Object.keys(staticData)) delete staticData[key];
	Object.assign(staticData, savedForm(state));
	if (emitted.length === 0) return null;
	return [emitted.map((customer) => ({ json: shapeCustomer(customer, settings.output) }))];
}

/**
 * Reads one window. A stored cursor the API refuses (or no longer knows) restarts the window from its
 * first page: the seen keys absorb what comes again. An API that refuses date-times (HTTP 400) is asked
 * by calendar dates instead, for good.
 */
async function readWindow(
	this: IPollFunctions,
	settings: Settings,
	state: PlanState,
	read: Read,
): Promise<{ state: PlanState; result: ReadResult }> {
	if (state.resume) {
		try {
			return {
				state,
				result: await readOnce.call(this, settings, read, state.dateFilter, state.resume.cursor),
			};
		} catch (error) {
			if (
				!(error instanceof NodeApiError) ||
				!['400', '404', '410', '422'].includes(String(error.httpCode))
			)
				throw nodeError.call(this, error);
			state = { ...state };
			delete state.resume;
		}
	}
	try {
		return { state, result: await readOnce.call(this, settings, read, state.dateFilter) };
	} catch (error) {
		const refusedDateTime =
			error instanceof NodeApiError && error.httpCode === '400' && state.dateFilter === 'instant';
		if (!refusedDateTime) throw nodeError.call(this, error);
		const dayState: PlanState = { ...state, dateFilter: 'day' };
		try {
			return { state: dayState, result: await readOnce.call(this, settings, read, 'day') };
		} catch (dayError) {
			throw nodeError.call(this, dayError);
		}
	}
}

async function readOnce(
	this: IPollFunctions,
	settings: Settings,
	read: Read,
	dateFilter: DateFilter,
	cursor?: string,
): Promise<ReadResult> {
	const conditions = [...settings.conditions];
	const field = windowField(settings.event);
	const { gt, lt } = windowFilters(read, dateFilter);
	if (gt !== undefined) conditions.push({ field, operator: 'gt', value: gt });
	if (lt !== undefined) conditions.push({ field, operator: 'lt', value: lt });
	const customers: IDataObject[] = [];
	const { pages, nextPage } = await readPages.call(this, queryOf.call(this, conditions), {
		maxPages: read.maxPages,
		startCursor: cursor,
		timeoutMs: settings.timeoutMs,
		onPage: (page) => {
			for (const customer of page) customers.push(customer);
		},
	});
	return { customers, pages, nextPage };
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

/** "Fetch Test Event": the most recently changed of the first matching customers; the saved state is left alone. */
async function sampleCustomer(
	this: IPollFunctions,
	settings: Settings,
): Promise<INodeExecutionData[][] | null> {
	const customers: IDataObject[] = [];
	await readPages.call(this, queryOf.call(this, settings.conditions), {
		limit: 50,
		timeoutMs: settings.timeoutMs,
		onPage: (page) => {
			for (const customer of page) customers.push(customer);
		},
	});
	const timeOf = (customer: IDataObject) =>
		changeTimeOf(customer, settings.event, settings.watched) ??
		(settings.event === 'customFieldChanged' ? -Infinity : 0);
	const newest = customers.reduce<IDataObject | undefined>(
		(best, customer) => (!best || timeOf(customer) > timeOf(best) ? customer : best),
		undefined,
	);
	if (!newest) {
		throw new NodeOperationError(this.getNode(), 'No customer matches the filters', {
			description:
				'Fetch Test Event shows a recent real customer. Remove or change the filter conditions, or add a customer that matches them.',
		});
	}
	return [[{ json: shapeCustomer(newest, settings.output) }]];
}
