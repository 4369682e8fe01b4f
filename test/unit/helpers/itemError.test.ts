import { NodeApiError, NodeOperationError, type JsonObject } from 'n8n-workflow';

import { errorForItem, toItemError } from '../../../nodes/CustomerAccountFields/helpers/itemError';
import { InputError } from '../../../nodes/CustomerAccountFields/helpers/inputError';
import { TEST_NODE } from '../../fixtures/node';

const node = TEST_NODE;

describe('toItemError', () => {
	it('names the item of bad input and keeps its description', () => {
		const error = toItemError(
			node,
			new InputError('Email is not an email address.', 'Use name@shop.com.'),
			3,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Email is not an email address. (item 3)');
		expect(error.description).toBe('Use name@shop.com.');
		expect(error.context.itemIndex).toBe(3);
	});

	it('names no item when there is none (the trigger)', () => {
		expect(toItemError(node, new InputError('Filter value is empty.')).message).toBe(
			'Filter value is empty.',
		);
	});

	it('passes n8n errors through unchanged', () => {
		const api = new NodeApiError(node, { message: 'Not found' }, { httpCode: '404' });
		const operation = new NodeOperationError(node, 'Stopped.');
		expect(toItemError(node, api, 1)).toBe(api);
		expect(toItemError(node, operation, 1)).toBe(operation);
	});

	it('wraps anything else as a NodeOperationError for its item', () => {
		const error = toItemError(node, new TypeError('boom'), 2);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('boom');
		expect(error.context.itemIndex).toBe(2);
	});
});

describe('errorForItem', () => {
	it('copies an API error for another item, keeping its HTTP code, message and description', () => {
		const original = new NodeApiError(
			node,
			{ message: 'Rejected' },
			{
				message: 'The batch was rejected.',
				description: 'Fix the email.',
				httpCode: '422',
				itemIndex: 0,
			},
		);
		original.context.batch = 2;
		const copy = errorForItem(node, original, 5);
		expect(copy).toBeInstanceOf(NodeApiError);
		expect(copy).not.toBe(original);
		expect(copy.message).toBe('The batch was rejected.');
		expect(copy.description).toBe('Fix the email.');
		expect((copy as NodeApiError).httpCode).toBe('422');
		expect(copy.context).toEqual({ batch: 2, itemIndex: 5 });
		expect(original.context.itemIndex).toBe(0);
	});

	it('takes another description when given one', () => {
		const original = new NodeOperationError(node, 'Not sent.', {
			description: 'Batch 1 failed first.',
		});
		const copy = errorForItem(node, original, 4, 'Item 2 of this batch was rejected.');
		expect(copy).toBeInstanceOf(NodeOperationError);
		expect(copy.message).toBe('Not sent.');
		expect(copy.description).toBe('Item 2 of this batch was rejected.');
		expect(copy.context.itemIndex).toBe(4);
	});

	it('leaves the description empty when the original has none', () => {
		const copy = errorForItem(node, new NodeOperationError(node, 'Not sent.'), 1);
		expect(copy.description ?? undefined).toBeUndefined();
	});
});

describe('errorForItem, for an API error n8n built from a thrown error', () => {
	it('gives the copy a response holding the message, since the original has none', () => {
		const original = new NodeApiError(node, new Error('socket hang up') as unknown as JsonObject, {
			message: 'The request timed out.',
			httpCode: '504',
		});
		expect(original.errorResponse).toBeUndefined();
		const copy = errorForItem(node, original, 2) as NodeApiError;
		expect(copy.errorResponse).toEqual({ message: 'The request timed out.' });
		expect(copy.message).toBe('The request timed out.');
		expect(copy.httpCode).toBe('504');
		expect(copy.context.itemIndex).toBe(2);
	});
});
