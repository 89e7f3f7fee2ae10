package dev.toolstream.store.internal;

import dev.toolstream.store.StoreException;
import java.sql.SQLException;
import java.util.regex.Pattern;

/** Store exceptions for JDBC failures, with what to do and never a password. */
public final class Failures {
  private static final Pattern PASSWORD =
      Pattern.compile("(?i)(password\\s*=\\s*)[^&;\\s]*");

  private Failures() {}

  /** The database could not be reached or refused the login. */
  public static StoreException connect(String database, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String advice;
    if (state.startsWith("28")) {
      advice = "check the user name and password";
    } else if (state.startsWith("08")) {
      advice = "check that the database server runs and the URL's host and port are right";
    } else if (state.equals("90020")) {
      advice = "another process has this H2 file open: give each process its own file, or share"
          + " a PostgreSQL database between processes";
    } else if (state.startsWith("3D")) {
      advice = "create the database first, or fix its name in the URL";
    } else {
      advice = "check the URL and that the database accepts connections";
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    // A driver may quote the URL, password and all: then the cause stays out of the exception.
    SQLException cause = redact(message).equals(message) ? e : null;
    return new StoreException(
        "could not connect to " + database + " (" + describe(e) + "): " + advice, cause);
  }

  /** Returns the failure's message and SQL state, any password in it masked. */
  public static String describe(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return redact(message) + (e.getSQLState() == null ? "" : " [SQL state " + e.getSQLState() + "]");
  }

  /** Returns {@code text} with the value of every {@code password=} masked. */
  public static String redact(String text) {
    return PASSWORD.matcher(text).replaceAll("$1****");
  }
}
