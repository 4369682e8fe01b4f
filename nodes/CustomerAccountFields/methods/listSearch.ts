import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { buildFilterQuery } from '../helpers/filters';
import { checkShopDomain } from '../helpers/shopDomain';
import { apiRequest, CREDENTIAL_TYPE } from '../transport';

/** "From list" for the Customer field: one page of customers, filtered by email as the user types. */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = (filter ?? '').replace(/"/g, '').trim();
	const qs: IDataObject = {};
	if (text !== '') qs.filters = buildFilterQuery([{ field: 'email', operator: 'contains', value: text }]);
	if (paginationToken) qs.next_page = paginationToken;
	const page = await apiRequest.call(this, { method: 'GET', path: '/customers', qs });
	const adminBase = await adminCustomersUrl.call(this);
	const customers = (page.customers as IDataObject[] | undefined) ?? [];
	return {
		results: customers.map((customer) => {
			const name = [customer.first_name, customer.last_name].filter(Boolean).join(' ');
			const label = [name, customer.email ? `<${String(customer.email)}>` : ''].filter(Boolean).join(' ');
			return {
				name: label || String(customer.id),
				value: String(customer.id),
				url: adminBase ? `${adminBase}/${String(customer.id)}` : undefined,
			};
		}),
		paginationToken: typeof page.next_page === 'string' && page.next_page !== '' ? page.next_page : undefined,
	};
}

async function adminCustomersUrl(this: ILoadOptionsFunctions): Promise<string | undefined> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const shop = checkShopDomain(credentials.shopDomain);
	if (!('domain' in shop) || !shop.domain.endsWith('.myshopify.com')) return undefined;
	return `https://admin.shopify.com/store/${shop.domain.slice(0, -'.myshopify.com'.length)}/customers`;
}
