// An eslint-import-resolver (interface v2) tried after the TypeScript one: it resolves a relative import
// whose file does not exist (yet) to the path it names, `.js` read as `.ts`, so that the boundary rules
// classify it by its folder instead of letting an import of a missing `src/server/...` file pass unseen.
// Bare specifiers (packages, node:*) are left to the resolvers before it.
const path = require('node:path');

exports.interfaceVersion = 2;

exports.resolve = function resolve(source, file) {
  if (!source.startsWith('./') && !source.startsWith('../')) return { found: false };
  return { found: true, path: path.resolve(path.dirname(file), source.replace(/\.(c|m)?js$/, '.$1ts')) };
};
