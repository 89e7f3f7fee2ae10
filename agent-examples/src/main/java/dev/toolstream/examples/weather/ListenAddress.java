package dev.toolstream.examples.weather;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/** Checks {@code --host} before serving, so that a bad address is blamed on the host. */
final class ListenAddress {
  private ListenAddress() {}

  /**
   * Returns why the server cannot listen on {@code host}, or null if it is an address of this
   * machine, so that a failure to listen afterwards is the port's. A name is looked up once here.
   */
  static @Nullable String problem(String host) {
    String fix = "; use 127.0.0.1 (this machine only), 0.0.0.0 (every interface) or an address of"
        + " this machine";
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException | SecurityException e) {
      return "--host " + host + " is not a known address" + fix;
    }
    try {
      if (address.isAnyLocalAddress()
          || address.isLoopbackAddress()
          || NetworkInterface.getByInetAddress(address) != null) {
        return null;
      }
    } catch (SocketException e) {
      return "--host " + host + ": cannot list this machine's addresses (" + e.getMessage() + ")";
    }
    String resolved =
        address.getHostAddress().equals(host) ? "" : " (" + address.getHostAddress() + ")";
    return "--host " + host + resolved + " is not an address of this machine" + fix;
  }
}
