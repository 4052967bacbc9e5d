'use strict';
// Stands in for iconv-lite in the function bundle (its code-page tables are a fifth of the bundle).
// Its one user, urllib, calls decode() only for a response charset Buffer cannot decode; OSS answers
// in UTF-8, so this should never run. If it does, TextDecoder decodes what it knows or we say why not.

exports.decode = function decode(bytes, charset) {
  let decoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    throw new Error(`cannot decode a response in charset "${charset}": the function bundle replaces iconv-lite with TextDecoder, which does not know it`);
  }
  return decoder.decode(bytes);
};
