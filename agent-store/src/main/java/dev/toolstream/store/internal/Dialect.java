package dev.toolstream.store.internal;

import dev.toolstream.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The databases the store speaks to, and what differs between them. */
public enum Dialect {
  /** H2 2.x: the embedded default. Its DDL commits on its own. */
  H2("h2"),
  /** PostgreSQL: what several machines share. DDL is transactional; claims skip locked rows. */
  POSTGRESQL("postgresql");

  private final String directory;

  Dialect(String directory) {
    this.directory = directory;
  }

  /** Returns the resource folder of this dialect's migrations. */
  String migrations() {
    return "dev/toolstream/store/migrations/" + directory + "/";
  }

  /** Returns the dialect of the database a connection reaches. */
  public static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    String name = product.toLowerCase(Locale.ROOT);
    if (name.contains("h2")) {
      return H2;
    } else if (name.contains("postgresql")) {
      return POSTGRESQL;
    }
    throw new StoreException(
        "agent-store supports H2 and PostgreSQL, not "
            + product
            + ": pass a DataSource or URL of one of them");
  }
}
