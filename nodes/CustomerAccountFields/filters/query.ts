import { DateTime } from 'luxon';

import { checkMachineName } from '../helpers/customFieldName';
import {
	CUSTOM_FIELD,
	findFilterField,
	OPERATORS_BY_TYPE,
	VALUELESS_OPERATORS,
	type FilterFieldType,
	type FilterOperator,
} from './fieldTable';
import { InputError } from '../helpers/inputError';
import { textOf } from '../helpers/text';

/** One row of the filter builder, as saved in the workflow. */
export interface FilterCondition {
	field?: string;
	customField?: string;
	operator?: string;
	value?: unknown;
}

const EXACT_OPERATORS: readonly FilterOperator[] = ['equals', 'not_equals'];

/**
 * Turns the filter builder's rows into the API's `filters` query value:
 * `field|operator|value,field|operator|value`. All conditions apply together.
 * Values are wrapped in double quotes when they hold a comma, a pipe or a space, and for exact
 * matches, so they reach the API intact. The API defines no escape for a double quote inside a
 * value, so such a value is refused rather than sent in a form the API would misread.
 */
export function buildFilterQuery(conditions: readonly FilterCondition[]): string | undefined {
	const parts = conditions.map((condition, index) => encodeCondition(condition, index + 1));
	return parts.length > 0 ? parts.join(',') : undefined;
}

function encodeCondition(condition: FilterCondition, position: number): string {
	const { name, type } = resolveField(condition, position);
	const where = `Filter condition ${position} (${name})`;
	const operator = String(condition.operator ?? '') as FilterOperator;
	const allowed = OPERATORS_BY_TYPE[type];
	if (!allowed.includes(operator)) {
		throw new InputError(
			`${where}: the operator "${operator}" cannot be used with this field`,
			`Choose one of: ${allowed.join(', ')}.`,
		);
	}
	if (VALUELESS_OPERATORS.includes(operator)) {
		return `${name}|${operator}`;
	}
	const value = normaliseValue(condition.value, type, where);
	return `${name}|${operator}|${quoteIfNeeded(value, EXACT_OPERATORS.includes(operator), where)}`;
}

function resolveField(
	condition: FilterCondition,
	position: number,
): { name: string; type: FilterFieldType } {
	const field = typeof condition.field === 'string' ? condition.field.trim() : '';
	if (field === CUSTOM_FIELD) {
		return {
			name: checkMachineName(condition.customField, `Filter condition ${position}`),
			type: 'custom',
		};
	}
	const known = findFilterField(field);
	if (!known) {
		throw new InputError(
			`Filter condition ${position}: "${field}" is not a filter field the API supports`,
			'Pick a field from the list, or choose "Custom Field" and enter its machine name.',
		);
	}
	return { name: known.field, type: known.type };
}

function normaliseValue(raw: unknown, type: FilterFieldType, where: string): string {
	const given = type === 'boolean' && typeof raw === 'boolean' ? String(raw) : raw;
	const value = given === undefined || given === null ? '' : textOf(given, where).trim();
	if (value === '') {
		throw new InputError(
			`${where}: a value is required`,
			'Enter a value, or use "Is Empty" / "Is Not Empty" to test for no value.',
		);
	}
	switch (type) {
		case 'number':
			if (!/^-?\d+(\.\d+)?$/.test(value)) {
				throw new InputError(
					`${where}: "${value}" is not a number`,
					'Enter a number such as 3 or 150.50.',
				);
			}
			return value;
		case 'id':
			if (!/^\d+$/.test(value)) {
				throw new InputError(
					`${where}: "${value}" is not a numeric ID`,
					'Shopify IDs are whole numbers, e.g. 6940095564123.',
				);
			}
			return value;
		case 'boolean':
			if (!/^(true|false)$/i.test(value)) {
				throw new InputError(`${where}: "${value}" is not true or false`, 'Enter true or false.');
			}
			return value.toLowerCase();
		case 'date':
			if (!DateTime.fromISO(value).isValid) {
				throw new InputError(
					`${where}: "${value}" is not a date; use YYYY-MM-DD`,
					'Enter an ISO 8601 date such as 2026-01-31 or 2026-01-31T08:00:00Z, or an expression like {{ $now.minus({ days: 30 }).toISODate() }}.',
				);
			}
			return value;
		default:
			return value;
	}
}

function quoteIfNeeded(value: string, exact: boolean, where: string): string {
	if (value.includes('"')) {
		throw new InputError(
			`${where}: the value contains a double quote (")`,
			'The API has no way to escape a double quote inside a filter value. Filter on a part of the value without the quote, using "Contains".',
		);
	}
	return exact || /[,|\s]/.test(value) ? `"${value}"` : value;
}
