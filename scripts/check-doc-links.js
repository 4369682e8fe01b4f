'use strict';
// Checks relative links (files and #anchors, GitHub's heading slugs) in the given Markdown files.
const fs = require('fs');
const path = require('path');
function slug(h) {
	return h
		.trim()
		.toLowerCase()
		.replace(/<[^>]+>/g, '')
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}
function anchors(file) {
	const text = fs.readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
	const seen = new Map();
	const out = new Set();
	for (const m of text.matchAll(/^#{1,6}\s+(.*)$/gm)) {
		let s = slug(m[1]);
		const n = seen.get(s) || 0;
		seen.set(s, n + 1);
		if (n) s = `${s}-${n}`;
		out.add(s);
	}
	return out;
}
let bad = 0,
	count = 0;
for (const file of process.argv.slice(2)) {
	const text = fs
		.readFileSync(file, 'utf8')
		.replace(/```[\s\S]*?```/g, '')
		.replace(/`[^`\n]*`/g, '');
	for (const m of text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)) {
		const target = m[1];
		if (/^[a-z]+:/i.test(target)) continue;
		count++;
		const [p, hash] = target.split('#');
		const dest = p ? path.resolve(path.dirname(file), p) : path.resolve(file);
		if (!fs.existsSync(dest)) {
			console.log(`${file}: missing file ${target}`);
			bad++;
			continue;
		}
		if (hash !== undefined && dest.endsWith('.md') && !anchors(dest).has(hash)) {
			console.log(`${file}: missing anchor ${target}`);
			bad++;
		}
	}
}
console.log(`${count} relative links checked, ${bad} broken`);
process.exit(bad ? 1 : 0);
