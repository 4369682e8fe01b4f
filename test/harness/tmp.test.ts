import { hello as h1 } from './tmpcjs';
import { hello as h2 } from './tmpesm';
it('js', () => { expect([h1(), h2()]).toEqual(['cjs', 'esm']); });
