package org.liaison.pki.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.liaison.pki.ca.AtomicFiles;
import org.liaison.pki.directory.DirectoryEntrySigner;
import org.liaison.pki.directory.EntryKey;
import org.liaison.schemas.avro.DirectoryEntry;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where a signed directory entry goes (a file, the directory topic, or both) and the one way every
 * publishing command signs, delivers and reports it.
 */
final class DirectoryPublication {

  @Mixin DirectorySignerOptions signer;

  @Mixin KafkaClientOptions kafka;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the signed entry (DER) here.")
  Path out;

  /** Whether the caller asked for the entry to go anywhere. */
  boolean requested() {
    return out != null || kafka.requested();
  }

  /**
   * Reserves the next sequence number, makes the entry with it, signs and delivers it.
   *
   * @param make the entry for a sequence number and issue time
   */
  Map<String, Object> publish(CommandSpec spec, BiFunction<Long, Instant, DirectoryEntry> make) {
    if (!requested()) {
      throw new ParameterException(
          spec.commandLine(), "give --out, --bootstrap-servers, or both: where the entry goes");
    }
    DirectoryEntrySigner entrySigner = signer.signer(spec);
    long sequence = signer.sequence(spec).next();
    Instant now = Cli.clock(spec).instant().truncatedTo(ChronoUnit.MILLIS);
    DirectoryEntry entry = make.apply(sequence, now);
    byte[] signed = entrySigner.sign(entry, now);
    EntryKey key = new EntryKey(entry.getKind(), entry.getSubject());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("key", key.recordKey());
    result.put("sequence", sequence);
    result.put("issuedAt", now.toString());
    result.put("bytes", signed.length);
    if (out != null) {
      AtomicFiles.write(out.toAbsolutePath(), signed);
      result.put("out", out.toString());
    }
    if (kafka.requested()) {
      KafkaDirectoryPublisher.Written written = kafka.publish(spec, key.recordKey(), signed);
      result.put("topic", written.topic());
      result.put("partition", written.partition());
      result.put("offset", written.offset());
    }
    return result;
  }

  /** Prints what {@link #publish} returned, as text or JSON. */
  static void print(CommandSpec spec, boolean json, Map<String, Object> result) {
    if (json) {
      Cli.out(spec).println(Json.write(result));
      return;
    }
    Cli.out(spec)
        .printf(
            "Published %s, sequence %s (%s bytes, signed %s)%n",
            result.get("key"), result.get("sequence"), result.get("bytes"), result.get("issuedAt"));
    if (result.containsKey("out")) {
      Cli.out(spec).printf("  written to %s%n", result.get("out"));
    }
    if (result.containsKey("topic")) {
      Cli.out(spec)
          .printf(
              "  on %s, partition %s, offset %s%n",
              result.get("topic"), result.get("partition"), result.get("offset"));
    }
  }
}
