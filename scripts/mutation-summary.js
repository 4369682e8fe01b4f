'use strict';
// Summarises Stryker's JSON report (reports/mutation/mutation.json, written by `npm run test:mutation`):
// the score, the counts per file, every mutant that survived or had no coverage, and the mutants marked
// equivalent in the source (`// Stryker disable next-line <Mutator>: equivalent, <reason>`), with their reasons.
// Usage: node scripts/mutation-summary.js [report.json ...] [--markdown]
// With several reports (e.g. a full run and a later --force run of a few files), a file's results come
// from the last report that has it.
const fs = require('fs');

const args = process.argv.slice(2);
const markdown = args.includes('--markdown');
const reportPaths = args.filter((a) => !a.startsWith('--'));
const files = {};
for (const reportPath of reportPaths.length ? reportPaths : ['reports/mutation/mutation.json'])
	for (const [file, data] of Object.entries(JSON.parse(fs.readFileSync(reportPath, 'utf8')).files))
		files[file.replace(/^.*?\bnodes\//, '')] = data; // the same file, wherever the run was

const COUNTED = ['Killed', 'Timeout', 'Survived', 'NoCoverage'];
const totals = {};
const perFile = [];
const open = [];
const equivalent = [];

for (const [file, data] of Object.entries(files)) {
	const lines = data.source.split('\n');
	const counts = {};
	for (const mutant of data.mutants) {
		counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
		totals[mutant.status] = (totals[mutant.status] ?? 0) + 1;
		const { line, column } = mutant.location.start;
		const where = `${file}:${line}:${column}`;
		const code = lines[line - 1].trim().slice(0, 100);
		if (mutant.status === 'Survived' || mutant.status === 'NoCoverage')
			open.push(
				`${mutant.status === 'Survived' ? 'survived' : 'no coverage'} ${where} ${mutant.mutatorName} → ${JSON.stringify((mutant.replacement ?? '').slice(0, 60))} | ${code}`,
			);
		if (mutant.status === 'Ignored')
			equivalent.push({
				where,
				mutator: mutant.mutatorName,
				reason: mutant.statusReason ?? '',
				code,
			});
	}
	perFile.push({ file: file, counts });
}

const killed = (c) => (c.Killed ?? 0) + (c.Timeout ?? 0);
const counted = (c) => COUNTED.reduce((sum, status) => sum + (c[status] ?? 0), 0);
const score = (c) => (counted(c) ? ((killed(c) / counted(c)) * 100).toFixed(1) : '–');

console.log(
	`Mutation score ${score(totals)} % (${killed(totals)} killed or timed out of ${counted(totals)} counted: ` +
		`${totals.Survived ?? 0} survived, ${totals.NoCoverage ?? 0} without coverage); ` +
		`not counted: ${totals.Ignored ?? 0} marked equivalent, ${totals.CompileError ?? 0} compile errors, ${totals.RuntimeError ?? 0} runtime errors.`,
);
console.log(
	`Counting the ${totals.Ignored ?? 0} equivalent ones as survivors: ${((killed(totals) / (counted(totals) + (totals.Ignored ?? 0))) * 100).toFixed(1)} %.`,
);
console.log('');
if (markdown) {
	console.log('| File | Score | Killed | Survived | No coverage | Equivalent |');
	console.log('|---|---|---|---|---|---|');
	for (const { file, counts } of perFile.sort((a, b) => a.file.localeCompare(b.file)))
		console.log(
			`| \`${file}\` | ${score(counts)} % | ${killed(counts)} | ${counts.Survived ?? 0} | ${counts.NoCoverage ?? 0} | ${counts.Ignored ?? 0} |`,
		);
	console.log('');
	console.log('Marked equivalent:');
	for (const e of equivalent)
		console.log(`- \`${e.where}\` ${e.mutator}: ${e.reason.replace(/^equivalent,\s*/, '')}`);
} else {
	for (const { file, counts } of perFile)
		console.log(`${score(counts).padStart(5)} % ${file} ${JSON.stringify(counts)}`);
	console.log('');
	for (const line of open) console.log(line);
	console.log('');
	for (const e of equivalent) console.log(`equivalent ${e.where} ${e.mutator}: ${e.reason}`);
}
