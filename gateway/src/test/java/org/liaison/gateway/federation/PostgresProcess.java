package org.liaison.gateway.federation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * A PostgreSQL server of the test's own, on its own port and data folder, made with the host's
 * {@code initdb} and run with {@code pg_ctl}: a database the test may stop and start without
 * touching the shared server. PostgreSQL refuses to run as root, so as root every command runs as
 * the {@code postgres} user, who owns the folder.
 */
final class PostgresProcess implements AutoCloseable {

  private final Path bin;
  private final Path home;
  private final Path data;
  private final int port;
  private final boolean root;

  private PostgresProcess(Path bin, Path home, int port) {
    this.bin = bin;
    this.home = home;
    this.data = home.resolve("data");
    this.port = port;
    this.root = "root".equals(System.getProperty("user.name"));
  }

  /**
   * Makes a cluster with trust authentication on 127.0.0.1:{@code port} (and on {@code
   * alsoListenOn} for the one client {@code client}, when not null) and starts it.
   */
  static PostgresProcess start(int port, String alsoListenOn, String client) throws Exception {
    Path home = Files.createTempDirectory("liaison-pg-");
    PostgresProcess pg = new PostgresProcess(binaries(), home, port);
    try {
      if (pg.root) {
        pg.run(List.of("chown", "postgres:postgres", home.toString()), false);
      }
      pg.run(
          List.of(
              pg.bin.resolve("initdb").toString(),
              "-D",
              pg.data.toString(),
              "-U",
              "postgres",
              "--auth=trust",
              "-E",
              "UTF8",
              "--no-instructions"),
          true);
      // Own port, loopback only, no Unix socket (the shared server's folder is not ours).
      // fsync and synchronous_commit stay on: the durability the gateway relies on is tested.
      pg.run(
          List.of(
              "sh",
              "-c",
              "printf \"port = %d\\nlisten_addresses = '%s'\\nunix_socket_directories ="
                  + " ''\\nmax_connections = 60\\nshared_buffers = 32MB\\n\" "
                  + port
                  + " '127.0.0.1"
                  + (alsoListenOn == null ? "" : "," + alsoListenOn)
                  + "' >> "
                  + pg.data.resolve("postgresql.conf")
                  + (alsoListenOn == null
                      ? ""
                      : " && echo 'host all all "
                          + client
                          + "/32 trust' >> "
                          + pg.data.resolve("pg_hba.conf"))),
          true);
      pg.startServer();
      return pg;
    } catch (Exception | Error e) {
      pg.close();
      throw e;
    }
  }

  int port() {
    return port;
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Starts the server (again) and waits until it accepts connections. */
  void startServer() throws Exception {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-l",
            home.resolve("server.log").toString(),
            "-w",
            "-t",
            "60",
            "start"),
        true);
  }

  /**
   * Stops the server: {@code immediate} as a crash would (no checkpoint, every connection cut),
   * otherwise {@code fast} (connections cut, a clean shutdown).
   */
  void stopServer(boolean immediate) throws Exception {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-m",
            immediate ? "immediate" : "fast",
            "-w",
            "stop"),
        true);
  }

  /** The server's own log, for a failure message. */
  String log() {
    try {
      return Files.readString(home.resolve("server.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no server log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    try {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        stopServer(true);
      }
    } catch (Exception e) {
      // stopping what may not run; the folder goes anyway
    }
    FileSystemUtils.deleteRecursively(home.toFile());
  }

  private void run(List<String> command, boolean asOwner) throws Exception {
    List<String> full = new ArrayList<>();
    if (asOwner && root) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Path out = Files.createTempFile("liaison-pg-cmd-", ".log");
    try {
      Process p =
          new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", full)
                + " failed:\n"
                + Files.readString(out, StandardCharsets.UTF_8)
                + "\n"
                + log());
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** The newest PostgreSQL's programs on this host (Debian's layout), or the PATH's. */
  private static Path binaries() throws IOException {
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        var newest =
            versions
                .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                .max(
                    Comparator.comparingInt(
                        v -> {
                          try {
                            return Integer.parseInt(v.getFileName().toString());
                          } catch (NumberFormatException e) {
                            return 0;
                          }
                        }));
        if (newest.isPresent()) {
          return newest.get().resolve("bin");
        }
      }
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb"))) {
        return Path.of(dir);
      }
    }
    throw new IllegalStateException(
        "no initdb: install PostgreSQL's server programs (the federation test starts a server of"
            + " its own for the database-outage scenario)");
  }
}
