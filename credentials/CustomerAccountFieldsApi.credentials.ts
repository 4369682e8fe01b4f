import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { checkShopDomain } from '../nodes/CustomerAccountFields/helpers/shopDomain';

export class CustomerAccountFieldsApi implements ICredentialType {
	name = 'customerAccountFieldsApi';

	displayName = 'Customer Account Fields API';

	icon: Icon = {
		light: 'file:../nodes/CustomerAccountFields/customerAccountFields.svg',
		dark: 'file:../nodes/CustomerAccountFields/customerAccountFields.dark.svg',
	};

	documentationUrl = 'https://customer-account-fields.docs.bonify.io/';

	properties: INodeProperties[] = [
		{
			displayName: 'Shop Domain',
			name: 'shopDomain',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'my-store.myshopify.com',
			description:
				"Your store's *.myshopify.com domain, as shown on the app's API Key page (no https://, no path)",
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'From the Customer Account Fields app in your Shopify admin: API Key page',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://apps.bonify.io/apps/cf_app/public-api/customer_fields/v2',
			description: 'The API root. Change it only for a proxy or a test server.',
		},
		{
			displayName: 'Rate Limit (Requests per Second)',
			name: 'rateLimit',
			type: 'number',
			typeOptions: { minValue: 0.01, numberPrecision: 2 },
			default: 1,
			description:
				'Requests per second allowed for this shop (the API allows 1). All workflows using this shop in this n8n process share it; in queue mode, give every worker the same value.',
		},
	];

	/** Sends the two headers the API expects; a malformed shop domain is refused with a clear message instead. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const shop = checkShopDomain(credentials.shopDomain);
		if ('problem' in shop) throw new Error(shop.problem);
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				'x-shop-domain': shop.domain,
				'x-api-key': String(credentials.apiKey ?? '').trim(),
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
			url: '/customers',
			method: 'GET',
			qs: { filters: 'id|equals|0' },
		},
	};
}
