module.exports = { hello: () => 'cjs' };
