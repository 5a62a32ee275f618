package org.liaison.bench;

import java.lang.management.ManagementFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.seal.Delivery;
import org.liaison.pki.seal.InMemoryReplayStore;
import org.liaison.pki.seal.NoticeOpener;
import org.liaison.pki.seal.NoticeRulesCheck;
import org.liaison.pki.seal.NoticeSealer;
import org.liaison.pki.seal.OpenResult;
import org.liaison.pki.seal.OpeningKeys;
import org.liaison.pki.seal.OpeningPolicy;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.schemas.avro.CaseNotice;

/**
 * Seals and opens one notice shape in a plain loop and measures rounds of it in thread CPU time and
 * bytes allocated by the thread. Opening runs every check (one long-lived validator, as in the
 * gateway; the replay step sees a redelivery of one record so that the same bytes open again).
 */
final class SealOpenLoop {

  /**
   * One round: this thread's CPU microseconds and bytes allocated per seal and per open, and the
   * whole process's CPU microseconds per seal+open (this thread plus the garbage collector's and
   * the JIT compiler's threads, which thread CPU time does not see), and this thread's user-mode
   * CPU microseconds per seal+open (without the kernel's time in its system calls: what {@code
   * openssl speed} divides by).
   */
  record Round(
      double sealMicros,
      double openMicros,
      double sealBytes,
      double openBytes,
      double processMicros,
      double userMicros) {}

  private final com.sun.management.OperatingSystemMXBean system =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final ProviderChoice choice;
  private final CaseNotice notice;
  private final List<X509Certificate> recipients;
  private final PrivateKeyHandle signing;
  private final PrivateKeyHandle senderEncryption;
  private final NoticeSealer sealer;
  private final NoticeOpener opener;
  private final OpeningKeys keys;
  private final CertificateValidator validator;
  private final Delivery delivery = Delivery.kafka("liaison.notices.TH.UNIT-1", 0, 1);
  private final byte[] sealed;
  private long sink;

  /**
   * @param providers {@code native} or {@code pure-java}
   * @param shape e.g. {@code 2k-1}: notice size ({@code k} or {@code m}), then recipients
   */
  SealOpenLoop(String providers, String shape) {
    choice = Federation.providers(providers);
    Federation federation = new Federation();
    String[] parts = shape.split("-");
    int bytes =
        parts[0].endsWith("m")
            ? Integer.parseInt(parts[0].replace("m", "")) * 1024 * 1024
            : Integer.parseInt(parts[0].replace("k", "")) * 1024;
    int count = Integer.parseInt(parts[1]);
    notice = federation.notice(bytes, count);
    recipients = federation.recipientCertificates(count);
    signing = federation.kit.unit(Federation.SENDER).signing();
    senderEncryption = federation.kit.unit(Federation.SENDER).encryption();
    sealer = new NoticeSealer(choice, Clock.systemUTC());
    opener =
        new NoticeOpener(
            choice,
            OpeningPolicy.defaults(),
            new InMemoryReplayStore(),
            NoticeRulesCheck.standard());
    keys = federation.firstRecipientKeys();
    validator = federation.validator();
    sealed = seal();
    OpenResult first = open();
    if (!first.opened()) {
      throw new IllegalStateException("the benchmark notice does not open: " + first);
    }
  }

  /** One seal of the notice. */
  byte[] seal() {
    return sealer.seal(notice, signing, senderEncryption, recipients);
  }

  /** One open of the sealed notice, every check included. */
  OpenResult open() {
    return opener.open(sealed, keys, validator, Optional.empty(), Instant.now(), delivery);
  }

  String describeProviders() {
    return choice.describe();
  }

  int sealedBytes() {
    return sealed.length;
  }

  /** Seals {@code operations} times, then opens as often, and measures both. */
  Round round(int operations) {
    long tid = Thread.currentThread().getId();
    long process0 = system.getProcessCpuTime();
    long user0 = threads.getCurrentThreadUserTime();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long alloc0 = threads.getThreadAllocatedBytes(tid);
    for (int i = 0; i < operations; i++) {
      sink += seal().length;
    }
    long cpu1 = threads.getCurrentThreadCpuTime();
    long alloc1 = threads.getThreadAllocatedBytes(tid);
    for (int i = 0; i < operations; i++) {
      OpenResult result = open();
      if (!result.opened()) {
        throw new IllegalStateException("the notice does not open: " + result);
      }
    }
    long cpu2 = threads.getCurrentThreadCpuTime();
    long user1 = threads.getCurrentThreadUserTime();
    long alloc2 = threads.getThreadAllocatedBytes(tid);
    long process1 = system.getProcessCpuTime();
    return new Round(
        (cpu1 - cpu0) / 1e3 / operations,
        (cpu2 - cpu1) / 1e3 / operations,
        (double) (alloc1 - alloc0) / operations,
        (double) (alloc2 - alloc1) / operations,
        (process1 - process0) / 1e3 / operations,
        (user1 - user0) / 1e3 / operations);
  }

  /** Something derived from every sealed notice, printed so that no seal is optimised away. */
  long sink() {
    return sink % 10;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
