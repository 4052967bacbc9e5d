'use strict';
// Stands in for xmlbuilder in the function bundle. Only xml2js's Builder uses it, and ali-oss uses
// xml2js only to parse; it writes its request XML itself.

exports.create = function create() {
  throw new Error('xmlbuilder is not in the function bundle: xml2js.Builder cannot be used there');
};
