'use strict';
// Stands in for platform.js in the function bundle: it parses a browser user agent at load (~10 ms).
// ali-oss reads only platform.description, for its User-Agent. Same text as platform.js gives under
// Node on Linux (what FC runs); elsewhere none, and ali-oss writes its own "Node.js <v> on <os> <arch>".

const version = /[\d.]+/.exec(process.version);
const bits = /\b(?:AMD|IA|Win|WOW|x86_|x)64\b/i.test(process.arch) ? ' 64-bit' : '';
exports.description = process.platform === 'linux' && version ? `Node.js ${version[0]} on Linux${bits}` : undefined;
