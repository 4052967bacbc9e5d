'use strict';
// Stands in for bowser in the function bundle: it sniffs a browser at load. ali-oss asks it only whether
// it runs in Internet Explorer 10; under Node bowser finds no browser, and neither does this.

exports.name = '';
exports.version = '';
