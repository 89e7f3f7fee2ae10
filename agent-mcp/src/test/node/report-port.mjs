// Preloaded (NODE_OPTIONS=--import) into a server the tests start on PORT=0: once a server socket
// listens, writes "bound port N" to stderr, so that the test learns the port the server has bound
// instead of picking a free one and racing others to it.
import net from "node:net";

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  this.once("listening", () => {
    const address = this.address();
    if (address && typeof address === "object") console.error(`bound port ${address.port}`);
  });
  return listen.apply(this, args);
};
