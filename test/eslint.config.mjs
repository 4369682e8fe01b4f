// Lint for the code that is not the node: tests, benchmarks, tools and scripts (`npm run lint:tests`).
// The stock eslint.config.mjs at the root stays byte-identical to @n8n/node-cli's template (strict mode).
// These are Node programs: n8n's base TypeScript rules apply; the rules about what a community node may
// do at runtime (imports, globals, child processes, secrets, node descriptions) do not.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { config } from '@n8n/node-cli/eslint';
import globals from 'globals';

const nodeOnlyRules = Object.keys(n8nCommunityNodesPlugin.rules).map((rule) => [
	`@n8n/community-nodes/${rule}`,
	'off',
]);

export default [
	...config,
	{
		files: ['**/*.ts'],
		rules: {
			...Object.fromEntries(nodeOnlyRules),
			'no-console': 'off',
			'@typescript-eslint/no-require-imports': 'off',
			'@typescript-eslint/no-explicit-any': 'off', // JSON replies in tests
		},
	},
	{
		files: ['**/*.js'],
		languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
		rules: {
			'no-undef': 'error',
			'no-unused-vars': ['error', { caughtErrors: 'none', ignoreRestSiblings: true }],
		},
	},
];
