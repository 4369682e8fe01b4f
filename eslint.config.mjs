import { config } from '@n8n/node-cli/eslint';

// n8n's own community-node rule sets, unchanged: the same rules n8n's package scanner applies.
export default [
	...config,
	{ ignores: ['test/**', 'bench/**', 'scripts/**', 'examples/**', 'docs/**', 'gulpfile.js', 'index.js', 'jest.config.js'] },
];
