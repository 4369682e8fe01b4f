'use strict';
/**
 * Release check (`npm run release` and the publish workflow run it first): the one thing this repo
 * cannot know is its public GitHub URL. It lives in package.json `repository.url`; `bugs.url` and
 * `homepage` must be derived from it, and neither it nor the author's email may be a placeholder.
 *
 *   node scripts/release-check.js            fails (exit 1) while anything is unset; used before publishing
 *   node scripts/release-check.js --fields   only checks that bugs/homepage follow repository.url (CI)
 *   GITHUB_REF_NAME=<tag>                     in the publish workflow: the tag must equal the version
 */
const path = require('path');

const pkg = require(path.join(__dirname, '..', 'package.json'));
const PLACEHOLDER_OWNER = 'YOUR-GITHUB-OWNER';
const PLACEHOLDER_EMAILS = ['maintainers@n8n-nodes-customer-account-fields.dev'];

function problems({ fieldsOnly }) {
	const found = [];
	const match = /^git\+(https:\/\/github\.com\/[^/]+\/[^/]+?)\.git$/.exec(
		(pkg.repository && pkg.repository.url) || '',
	);
	if (!match)
		return ['package.json repository.url must look like git+https://github.com/<owner>/<repo>.git'];
	const repo = match[1];
	if ((pkg.bugs && pkg.bugs.url) !== `${repo}/issues`)
		found.push(`package.json bugs.url must be ${repo}/issues`);
	if (pkg.homepage !== `${repo}#readme`) found.push(`package.json homepage must be ${repo}#readme`);
	if (fieldsOnly) return found;
	if (repo.includes(PLACEHOLDER_OWNER)) {
		found.push(
			`package.json repository.url is still the placeholder (${PLACEHOLDER_OWNER}): set it to the public GitHub repository (and bugs.url, homepage to match)`,
		);
	}
	const email = pkg.author && pkg.author.email;
	if (!email || PLACEHOLDER_EMAILS.includes(email))
		found.push(
			`package.json author.email is still the placeholder (${email}): set a real contact address`,
		);
	const tag = process.env.GITHUB_REF_TYPE === 'tag' ? process.env.GITHUB_REF_NAME : undefined;
	if (tag && tag.replace(/^v/, '') !== pkg.version)
		found.push(`tag ${tag} does not match package.json version ${pkg.version}`);
	return found;
}

const fieldsOnly = process.argv.includes('--fields');
const found = problems({ fieldsOnly });
if (found.length) {
	console.error(
		`Release check failed${fieldsOnly ? '' : ': not publishing'}:\n${found.map((p) => `  - ${p}`).join('\n')}`,
	);
	console.error('See docs/releasing.md.');
	process.exit(1);
}
const placeholder = pkg.repository.url.includes(PLACEHOLDER_OWNER);
console.log(
	fieldsOnly && placeholder
		? 'release fields consistent (repository.url is still the placeholder: publishing stays blocked)'
		: `release check passed: ${pkg.name}@${pkg.version}, ${pkg.repository.url}`,
);
