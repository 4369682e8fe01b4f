'use strict';
/**
 * Drives Debian's Chromium (/usr/bin/chromium; never a downloaded browser) with playwright-core
 * against a running n8n editor.
 *
 * Chromium is spawned by us (own process group, tracked by pid in ./procs.js, fresh
 * --user-data-dir) with a DevTools port on 127.0.0.1, and playwright-core attaches over CDP.
 * That way the browser is stopped by its process id like every other process of the suite.
 *
 * Verified against n8n 2.40.7's editor:
 *   sign-in form      #emailOrLdapLoginId, #password, [data-test-id="form-submit-button"]
 *   canvas node       [data-test-id="canvas-node"][data-node-name="<name>"]  (double-click opens the NDV)
 *   node details      [data-test-id="ndv"], its parameters [data-test-id="node-parameters"]
 *   parameter inputs  [data-test-id="parameter-input-<parameter name>"] (also nested ones inside
 *                     collections/fixed collections, e.g. parameter-input-field)
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnTracked, stop, registerTempDir, removeTempDir } = require('../../../tools/procs');
const { freePorts } = require('../../../tools/ports');

const CHROMIUM = process.env.CAF_E2E_CHROMIUM || '/usr/bin/chromium';
const SCREENSHOT_DIR = path.resolve(__dirname, '..', 'screenshots');

function log(msg) {
	process.stderr.write(`[e2e:browser] ${msg}\n`);
}

/**
 * Starts Chromium and connects playwright-core to it.
 * Resolves { browser, context, page, pid, close() }.
 */
async function launchBrowser({ playwrightCorePath, width = 1600, height = 1000 } = {}) {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium`);
	}
	const { chromium } = require(playwrightCorePath);
	const userDataDir = registerTempDir(fs.mkdtempSync(path.join(os.tmpdir(), 'caf-e2e-chromium-')));
	const [cdpPort] = await freePorts(1, 9330);
	const args = [
		'--headless',
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--no-default-browser-check',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--disable-crash-reporter',
		'--disable-breakpad',
		'--disable-dev-shm-usage',
		'--hide-scrollbars',
		'--mute-audio',
		`--user-data-dir=${userDataDir}`,
		`--remote-debugging-address=127.0.0.1`,
		`--remote-debugging-port=${cdpPort}`,
		`--window-size=${width},${height}`,
		'about:blank',
	];
	const child = spawnTracked('chromium', CHROMIUM, args, { stdio: ['ignore', 'ignore', 'pipe'] });
	let stderr = '';
	child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-20000)));
	let exited = null;
	child.once('exit', (code, signal) => (exited = { code, signal }));
	log(`chromium pid ${child.pid}, DevTools on 127.0.0.1:${cdpPort}, profile ${userDataDir}`);

	const cleanup = async () => {
		await stop(child.pid, { graceMs: 5000 });
		removeTempDir(userDataDir);
	};

	let browser;
	const deadline = Date.now() + 30000;
	try {
		while (!browser) {
			if (exited) throw new Error(`chromium exited early ${JSON.stringify(exited)}\n${stderr}`);
			try {
				const r = await fetch(`http://127.0.0.1:${cdpPort}/json/version`);
				if (r.ok) browser = await chromium.connectOverCDP(`http://127.0.0.1:${cdpPort}`);
			} catch (e) {
				if (Date.now() > deadline)
					throw new Error(`cannot connect to chromium: ${e.message}\n${stderr}`);
				await new Promise((r) => setTimeout(r, 200));
			}
		}
	} catch (err) {
		await cleanup();
		throw err;
	}
	const context = browser.contexts()[0] || (await browser.newContext());
	const page = context.pages()[0] || (await context.newPage());
	await page.setViewportSize({ width, height });
	page.setDefaultTimeout(30000);
	const consoleErrors = [];
	page.on('console', (m) => {
		if (m.type() === 'error') consoleErrors.push(m.text());
	});
	return {
		browser,
		context,
		page,
		pid: child.pid,
		consoleErrors,
		close: async () => {
			try {
				await browser.close();
			} catch {
				/* already gone */
			}
			await cleanup();
		},
	};
}

/** Signs in through the editor's sign-in form. */
async function loginEditor(page, baseUrl, { email, password }) {
	await page.goto(`${baseUrl}/signin`);
	// n8n 2.x: #emailOrLdapLoginId; n8n 1.x: an email-type input
	await page
		.locator('#emailOrLdapLoginId, input[type="email"], input[name="email"]')
		.first()
		.fill(email);
	await page.locator('#password, input[type="password"]').first().fill(password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 30000 });
}

function nodeSelector(nodeName) {
	return `[data-test-id="canvas-node"][data-node-name=${JSON.stringify(nodeName)}]`;
}

/** Opens /workflow/<id> and waits until its nodes are on the canvas. */
async function openWorkflow(page, baseUrl, id, { expectNodes = [] } = {}) {
	await page.goto(`${baseUrl}/workflow/${id}`);
	await page
		.locator('[data-test-id="canvas-node"]')
		.first()
		.waitFor({ state: 'visible', timeout: 60000 });
	for (const name of expectNodes)
		await page.locator(nodeSelector(name)).waitFor({ state: 'visible' });
	await page.waitForTimeout(500); // let the canvas settle (fit view animation)
}

/** Double-clicks a node on the canvas and waits for its parameter panel. */
async function openNode(page, nodeName) {
	const node = page.locator(nodeSelector(nodeName));
	await node.waitFor({ state: 'visible' });
	await node.dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor({ state: 'visible' });
	await ndv.locator('[data-test-id="node-parameters"]').waitFor({ state: 'visible' });
	await page.waitForTimeout(500);
	return ndv;
}

async function closeNode(page) {
	const close = page.locator('[data-test-id="ndv-close-button"]');
	if (await close.isVisible().catch(() => false)) await close.click();
	else await page.keyboard.press('Escape');
	await page
		.locator('[data-test-id="ndv"]')
		.waitFor({ state: 'hidden' })
		.catch(() => {});
}

/**
 * Checks that every named parameter input is visible inside `scope` (default: the node's
 * parameter panel). Returns { present, missing }; throws when something is missing unless
 * { throwOnMissing: false }.
 */
async function expectParameterInputs(
	page,
	names,
	{ scope = '[data-test-id="node-parameters"]', throwOnMissing = true, timeoutMs = 10000 } = {},
) {
	const root = page.locator(scope).first();
	const present = [];
	const missing = [];
	for (const name of names) {
		const loc = root.locator(`[data-test-id="parameter-input-${name}"]`);
		try {
			await loc.first().waitFor({ state: 'visible', timeout: timeoutMs });
			present.push(name);
		} catch {
			missing.push(name);
		}
	}
	if (missing.length && throwOnMissing) {
		const seen = await root
			.locator('[data-test-id^="parameter-input-"]')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-test-id')))
			.catch(() => []);
		throw new Error(
			`parameter inputs missing in ${scope}: ${missing.join(', ')} (present: ${[...new Set(seen)].join(', ')})`,
		);
	}
	return { present, missing };
}

/** All parameter-input test ids currently rendered inside `scope`. */
async function listParameterInputs(page, scope = '[data-test-id="node-parameters"]') {
	const ids = await page
		.locator(scope)
		.first()
		.locator('[data-test-id^="parameter-input-"]')
		.evaluateAll((els) =>
			els.filter((e) => e.offsetParent !== null).map((e) => e.getAttribute('data-test-id')),
		);
	return [...new Set(ids)].map((id) => id.replace(/^parameter-input-/, ''));
}

/** Saves a PNG under test/e2e/screenshots/ (git-ignored); returns its path. */
async function screenshot(page, name, { fullPage = false, locator } = {}) {
	fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^a-zA-Z0-9._-]+/g, '-')}.png`);
	if (locator) await locator.screenshot({ path: file });
	else await page.screenshot({ path: file, fullPage });
	log(`screenshot ${file}`);
	return file;
}

module.exports = {
	CHROMIUM,
	SCREENSHOT_DIR,
	launchBrowser,
	loginEditor,
	openWorkflow,
	openNode,
	closeNode,
	expectParameterInputs,
	listParameterInputs,
	screenshot,
	nodeSelector,
};
