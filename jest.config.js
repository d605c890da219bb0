// One jest run over every project; `npm test` (scripts/test.sh) drives it.
const { readdirSync, existsSync } = require('node:fs');
const path = require('node:path');

const projectDirs = ['apps', 'libs']
  .flatMap((group) => readdirSync(path.join(__dirname, group)).map((name) => path.join(__dirname, group, name)))
  .filter((dir) => existsSync(path.join(dir, 'jest.config.js')));

module.exports = {
  projects: [...projectDirs, path.join(__dirname, 'e2e')],
};
