'use strict';
// Stands in for address in the function bundle: ali-oss's ClusterClient reads the host's IP at load
// (os.networkInterfaces()); the runtime never constructs a ClusterClient.

exports.ip = function ip() {
  return undefined;
};
