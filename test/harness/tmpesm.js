export const hello = () => 'esm';
