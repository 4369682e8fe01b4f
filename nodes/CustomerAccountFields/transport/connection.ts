import {
	NodeOperationError,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
} from 'n8n-workflow';

import { checkShopDomain } from '../helpers/shopDomain';

export const CREDENTIAL_TYPE = 'customerAccountFieldsApi';
export const DEFAULT_BASE_URL = 'https://apps.bonify.io/apps/cf_app/public-api/customer_fields/v2';

export type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** The credential, checked: where requests go, for which shop, at what rate, and what to hide in replies. */
export interface Connection {
	baseUrl: string;
	shopDomain: string;
	requestsPerSecond: number;
	/** The API key as stored and as sent (the credential trims it): only ever used to redact what the API says. */
	secrets: string[];
}

// A node's credential is the same for all its items, so it is read and checked once per execution.
const connections = new WeakMap<Context, Promise<Connection>>();

export async function connection(this: Context, itemIndex = 0): Promise<Connection> {
	let settings = connections.get(this);
	if (!settings) {
		settings = readConnection.call(this, itemIndex);
		connections.set(this, settings);
	}
	return await settings;
}

async function readConnection(this: Context, itemIndex: number): Promise<Connection> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const shop = checkShopDomain(credentials.shopDomain);
	if ('problem' in shop) {
		throw new NodeOperationError(this.getNode(), `Credential: ${shop.problem}`, { itemIndex });
	}
	const rate = Number(credentials.rateLimit ?? 1);
	if (!Number.isFinite(rate) || rate <= 0) {
		throw new NodeOperationError(
			this.getNode(),
			'Credential: the rate limit must be a number greater than 0',
			{
				itemIndex,
				description:
					'The API allows 1 request per second; leave the rate limit at 1 unless Bonify raised it for your shop.',
			},
		);
	}
	const baseUrl = String(credentials.baseUrl || DEFAULT_BASE_URL)
		.trim()
		.replace(/\/+$/, '');
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	return {
		baseUrl,
		shopDomain: shop.domain,
		requestsPerSecond: rate,
		secrets: [apiKey, apiKey.trim()],
	};
}
