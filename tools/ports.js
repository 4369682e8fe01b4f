'use strict';
const net = require('net');

function canListen(port, host) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.unref();
		srv.once('error', () => resolve(false));
		srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
	});
}

function somethingListens(port, host) {
	return new Promise((resolve) => {
		const sock = net.connect({ port, host });
		const done = (v) => {
			sock.destroy();
			resolve(v);
		};
		sock.setTimeout(300, () => done(false));
		sock.once('connect', () => done(true));
		sock.once('error', () => done(false));
	});
}

async function isFree(port) {
	// free on the wildcard address and on loopback, and nobody answering on loopback
	return (
		(await canListen(port, '0.0.0.0')) &&
		(await canListen(port, '127.0.0.1')) &&
		!(await somethingListens(port, '127.0.0.1'))
	);
}

const reserved = new Set();

/**
 * Finds `count` free TCP ports, starting at `start` (default 5690: away from n8n's 5678/5679
 * defaults), skipping ports already handed out by this process.
 */
async function freePorts(count, start = Number(process.env.CAF_E2E_PORT_BASE) || 5690) {
	const ports = [];
	for (let p = start; p < 65000 && ports.length < count; p++) {
		if (reserved.has(p)) continue;
		if (await isFree(p)) {
			reserved.add(p);
			ports.push(p);
		}
	}
	if (ports.length < count) throw new Error(`could not find ${count} free ports from ${start}`);
	return ports;
}

module.exports = { freePorts, isFree };
