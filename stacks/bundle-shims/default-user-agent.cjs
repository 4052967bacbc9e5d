'use strict';
// Stands in for default-user-agent in the function bundle (it pulls in os-name, win-release and semver
// at load). urllib sends its default User-Agent only when a request has none; ali-oss always sets one.
// Same text as the package gives on Linux.

const os = require('node:os');

function osName() {
  if (os.platform() !== 'linux') return os.platform();
  const id = os.release().replace(/^(\d+\.\d+).*/, '$1');
  return 'Linux' + (id ? ' ' + id : '');
}

const USER_AGENT = `Node.js/${process.version.slice(1)} (${osName()}; ${process.arch})`;

module.exports = function ua(name, version) {
  return arguments.length !== 2 ? USER_AGENT : `${name}/${version} ${USER_AGENT}`;
};
