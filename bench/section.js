'use strict';
// A bench's section of bench/RESULTS.md, in one place for every bench: the Jest benches (bench/lib.ts),
// the real-n8n ones (bench/real-n8n.js, bench/queue.js). Each prints its section and leaves it as
// <CAF_BENCH_RESULTS_DIR>/<section>.json, which bench/run.js renders into RESULTS.md.
const fs = require('fs');
const path = require('path');

/**
 * @typedef {{ what: string, figure: string, reference: string, ratio: string, goal: string, met?: boolean }} Row
 * @typedef {{ section: string, title: string, rows: Row[], notes: string[], raw: Record<string, unknown> }} Section
 */

/** The section as printed to the console. @param {Section} section */
function formatSection(section) {
	const lines = [`\n=== ${section.title} ===`];
	for (const row of section.rows) {
		const verdict = row.met === undefined ? '' : row.met ? '  [goal met]' : '  [GOAL MISSED]';
		lines.push(
			`  ${row.what}: ${row.figure} vs ${row.reference} → ${row.ratio} (goal: ${row.goal})${verdict}`,
		);
	}
	for (const note of section.notes) lines.push(`  note: ${note}`);
	return `${lines.join('\n')}\n`;
}

/** Prints the section and, when bench/run.js asked for it (CAF_BENCH_RESULTS_DIR), writes it for RESULTS.md. @param {Section} section */
function writeSection(section, dir = process.env.CAF_BENCH_RESULTS_DIR) {
	process.stdout.write(formatSection(section));
	if (dir) {
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, `${section.section}.json`), JSON.stringify(section, null, 2));
	}
}

module.exports = { formatSection, writeSection };
