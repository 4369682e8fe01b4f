// The one customer API both nodes use: reading pages, finding by email or phone, getting by ID, writing
// batches and deleting. The transport below it knows nothing about customers.
export { customersIn, nextPageOf } from './reply';
export {
	PAGE_SIZE,
	readPages,
	type CustomersContext,
	type ReadOptions,
	type ReadResult,
	type RequestOptions,
} from './read';
export {
	customerNotFound,
	findCustomersBy,
	getCustomer,
	matchQuery,
	requireCustomer,
} from './find';
export {
	deleteCustomer,
	describeDelete,
	describeWrite,
	MAX_BATCH,
	writeCustomers,
	type CustomersWrite,
} from './write';
