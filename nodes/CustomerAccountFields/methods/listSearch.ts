import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { readPages } from '../customers';
import { buildFilterQuery } from '../filters/query';
import { checkShopDomain } from '../helpers/shopDomain';
import { CREDENTIAL_TYPE } from '../transport';

/** "From list" for the Customer field: one page of customers, filtered by email as the user types. */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = (filter ?? '').replace(/"/g, '').trim();
	const qs: IDataObject = {};
	if (text !== '')
		qs.filters = buildFilterQuery([{ field: 'email', operator: 'contains', value: text }]);
	let customers: IDataObject[] = [];
	const page = await readPages.call(this, qs, {
		maxPages: 1,
		startCursor: paginationToken || undefined,
		onPage: (found) => (customers = found),
	});
	const adminBase = await adminCustomersUrl.call(this);
	return {
		results: customers.map((customer) => {
			const name = [customer.first_name, customer.last_name].filter(Boolean).join(' ');
			const label = [name, customer.email ? `<${String(customer.email)}>` : '']
				.filter(Boolean)
				.join(' ');
			return {
				name: label || String(customer.id),
				value: String(customer.id),
				url: adminBase ? `${adminBase}/${String(customer.id)}` : undefined,
			};
		}),
		paginationToken: page.nextPage,
	};
}

async function adminCustomersUrl(this: ILoadOptionsFunctions): Promise<string | undefined> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const shop = checkShopDomain(credentials.shopDomain);
	if (!('domain' in shop) || !shop.domain.endsWith('.myshopify.com')) return undefined;
	return `https://admin.shopify.com/store/${shop.domain.slice(0, -'.myshopify.com'.length)}/customers`;
}
