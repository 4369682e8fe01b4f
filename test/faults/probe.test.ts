import { byId, jsonOf, runNode, sent, startTestEmulator } from '../workflows/setup';

it('probe', async () => {
	const emu = await startTestEmulator({ customers: 5 });
	const ids = emu.customers.map((c) => ({ id: c.id }));
	emu.queueFault({ method: 'DELETE', kind: '502', afterWrite: true, nth: 2 });
	const r = await runNode(emu, { resource: 'customer', operation: 'delete', customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, { inputItems: ids.slice(0, 3), onError: 'continueRegularOutput' });
	console.log(JSON.stringify(jsonOf(r)), sent(emu).map((e) => `${e.method} ${e.status} ${e.fault ?? ''}`));
	const item = r.outputOf('Customer Account Fields')[1];
	console.log(Object.keys(item), item.error && { msg: item.error.message, desc: item.error.description, ctx: (item.error as any).context, http: (item.error as any).httpCode });
	emu.reset({ customers: 5 });
	emu.queueFault({ method: 'GET', kind: '502', times: 3 });
	const r2 = await runNode(emu, { resource: 'customer', operation: 'get', customerId: byId(emu.customers[0].id) });
	const e: any = r2.error;
	console.log(e.name, e.message, e.description, e.httpCode, e.context, Object.keys(e));
	await emu.stop();
});
