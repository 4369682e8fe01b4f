// The store at a large shop's size: paging, creating and claiming a phone must not cost a scan of the shop
// each time (the scale bench runs 200,000 customers through it).
import { decodeCursor } from '../../../tools/emulator/cursor';
import { generateCustomers, CUSTOM_FIELD_DEFINITIONS } from '../../../tools/emulator/sample-data';
import { CustomerStore } from '../../../tools/emulator/store';
import { planWrite, WriteError } from '../../../tools/emulator/validate';

type Customer = { id: number; phone: string | null; email: string | null };
type Page = { customers: Customer[]; next_page?: string };

const SIZE = 5_000;
const SEED = generateCustomers(SIZE);

function sweep(
	store: InstanceType<typeof CustomerStore>,
	predicate: (c: Customer) => boolean,
): { seen: number[]; pages: number } {
	const seen: number[] = [];
	let cursor: ReturnType<typeof decodeCursor> = null;
	let pages = 0;
	for (;;) {
		const page: Page = store.page({ predicate, cursor, pageSize: 50, cacheKey: undefined });
		pages++;
		seen.push(...page.customers.map((c) => c.id));
		if (!page.next_page) return { seen, pages };
		cursor = decodeCursor(page.next_page);
	}
}

describe('emulator store: a large shop', () => {
	let store: InstanceType<typeof CustomerStore>;
	beforeEach(() => {
		store = new CustomerStore(SEED, CUSTOM_FIELD_DEFINITIONS);
	});

	it('reads every page of 5,000 customers looking at each customer a bounded number of times', () => {
		let calls = 0;
		const { seen, pages } = sweep(store, () => {
			calls++;
			return true;
		});
		expect(seen).toHaveLength(SIZE);
		expect(pages).toBe(SIZE / 50);
		expect(calls).toBeLessThanOrEqual(2 * SIZE);
	});

	it('reads a sparse filter (1 customer in 100) in a bounded number of looks, not one scan per page', () => {
		let calls = 0;
		const wanted = (c: Customer) => c.id % 100 === 7;
		const { seen } = sweep(store, (c) => {
			calls++;
			return wanted(c);
		});
		expect(seen).toEqual(store.ids().filter((id: number) => wanted({ id } as Customer)));
		expect(calls).toBeLessThanOrEqual(3 * SIZE);
	});

	it('appends created customers to the id order (ids above every other, unique) and pages reach them', () => {
		const before = store.ids().slice();
		const plan = planWrite(
			'create',
			store,
			{ customers: Array.from({ length: 30 }, (_, i) => ({ email: `new${i}@example.com` })) },
			{ maxBatch: 30, deleteEmpty: false, definitions: [...CUSTOM_FIELD_DEFINITIONS] },
		);
		store.commit('create', plan);
		const ids: number[] = store.ids();
		expect(ids).toHaveLength(SIZE + 30);
		expect(ids.slice(0, SIZE)).toEqual(before);
		expect([...ids].sort((a, b) => a - b)).toEqual(ids);
		expect(new Set(ids).size).toBe(ids.length);
		expect(sweep(store, () => true).seen).toEqual(ids);
	});

	it('drops a deleted customer from the id order and the phone index', () => {
		const victim: Customer = store.all().find((c: Customer) => c.phone);
		store.ids();
		expect(store.remove(victim.id)).toBe(true);
		expect(store.ids()).not.toContain(victim.id);
		expect(store.phoneTakenBy(victim.phone, undefined)).toBeUndefined();
	});

	it('knows who holds a phone after writes move it, without a scan', () => {
		const [a, b]: Customer[] = store.all().filter((c: Customer) => c.phone);
		const claim = (id: number, phone: string) =>
			planWrite(
				'update',
				store,
				{ customers: [{ id, phone }] },
				{ maxBatch: 10, deleteEmpty: false, definitions: [...CUSTOM_FIELD_DEFINITIONS] },
			);
		expect(() => claim(b.id, a.phone!)).toThrow(WriteError);
		const freed = a.phone!;
		store.commit('update', claim(a.id, '+16135550199'));
		expect(store.phoneTakenBy('+16135550199', undefined)).toBe(a.id);
		expect(() => claim(b.id, freed)).not.toThrow();
	});
});
