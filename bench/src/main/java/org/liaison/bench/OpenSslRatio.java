package org.liaison.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liaison's seal+open against the machine's limit for the same primitives, in pairs taken back to
 * back in one process: {@code openssl speed -seconds S ecdsap256 ecdhp256} (operations per CPU
 * second, as OpenSSL divides by user CPU time), then rounds of {@link SealOpenLoop} (thread CPU
 * time). On a shared VM the host's pace moves by a third within minutes; alternating the two and
 * taking the median of the per-pair ratios keeps both sides of each ratio in the same moment.
 *
 * <p>Two limits are given. The issue's: one ECDSA P-256 signature, one verification and one ECDH
 * per seal+open. The same work as Liaison's format: a seal to one recipient does an ECDH for the
 * recipient's RecipientInfo, and opening one more, so sign + verify + two ECDH. Two multiplications
 * of the generator, which {@code openssl speed} does not time, are left out of both: the ephemeral
 * key's, and the sender's own RecipientInfo's (computed from the sender's private key, see {@code
 * OwnKeyAgreement}; before that it was a third ECDH).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.liaison.bench.OpenSslRatio \
 *     [pairs] [openssl seconds] [seal+open rounds per pair] [operations per round] [shape]
 * </pre>
 */
public final class OpenSslRatio {

  private static final Pattern ECDSA =
      Pattern.compile("256 bits ecdsa \\(nistp256\\)\\s+\\S+s\\s+\\S+s\\s+([0-9.]+)\\s+([0-9.]+)");
  private static final Pattern ECDH =
      Pattern.compile("256 bits ecdh \\(nistp256\\)\\s+\\S+s\\s+([0-9.]+)");

  private OpenSslRatio() {}

  /** One {@code openssl speed} run: operations per CPU second. */
  record Speed(double sign, double verify, double ecdh) {
    double issueLimit() {
      return 1 / (1 / sign + 1 / verify + 1 / ecdh);
    }

    double sameWorkLimit() {
      return 1 / (1 / sign + 1 / verify + 2 / ecdh);
    }
  }

  public static void main(String[] args) throws Exception {
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    // Rounds of about a second: the process's CPU time is counted in 10 ms steps.
    int perRound = args.length > 3 ? Integer.parseInt(args[3]) : 4000;
    String shape = args.length > 4 ? args[4] : "2k-1";

    SealOpenLoop loop = new SealOpenLoop("native", shape);
    // A long warm-up: until the JIT has compiled the whole path, its threads' CPU shows in the
    // process figure (twice the thread's after ten rounds of 1,000, equal after twenty).
    for (int i = 0; i < 20; i++) {
      loop.round(perRound);
    }
    System.out.printf(
        Locale.ROOT,
        "%s, shape %s; %d pairs of openssl speed -seconds %d and %d rounds of %d seal+open%n",
        loop.describeProviders(),
        shape,
        pairs,
        seconds,
        rounds,
        perRound);
    System.out.println(
        "pair  sign/s  verify/s  ecdh/s | issue limit  same-work limit | seal µs  open µs"
            + "  seal+open/s | ratio issue  ratio same-work | process: seal+open/s  ratio issue"
            + " | user only: ratio issue");
    double[] issueRatios = new double[pairs];
    double[] sameRatios = new double[pairs];
    double[] rates = new double[pairs];
    double[] issueLimits = new double[pairs];
    double[] processRates = new double[pairs];
    double[] processRatios = new double[pairs];
    double[] userRatios = new double[pairs];
    for (int p = 0; p < pairs; p++) {
      Speed speed = openSslSpeed(seconds);
      double[] seal = new double[rounds];
      double[] open = new double[rounds];
      double[] process = new double[rounds];
      double[] user = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        SealOpenLoop.Round round = loop.round(perRound);
        seal[r] = round.sealMicros();
        open[r] = round.openMicros();
        process[r] = round.processMicros();
        user[r] = round.userMicros();
      }
      double sealUs = SealOpenLoop.median(seal);
      double openUs = SealOpenLoop.median(open);
      double rate = 1e6 / (sealUs + openUs);
      rates[p] = rate;
      processRates[p] = 1e6 / SealOpenLoop.median(process);
      processRatios[p] = processRates[p] / speed.issueLimit();
      userRatios[p] = 1e6 / SealOpenLoop.median(user) / speed.issueLimit();
      issueLimits[p] = speed.issueLimit();
      issueRatios[p] = rate / speed.issueLimit();
      sameRatios[p] = rate / speed.sameWorkLimit();
      System.out.printf(
          Locale.ROOT,
          "%4d %7.0f %9.0f %7.0f | %11.0f %16.0f | %7.1f %8.1f %12.0f | %10.1f %% %14.1f %%"
              + " | %20.0f %10.1f %% | %10.1f %%%n",
          p + 1,
          speed.sign(),
          speed.verify(),
          speed.ecdh(),
          speed.issueLimit(),
          speed.sameWorkLimit(),
          sealUs,
          openUs,
          rate,
          100 * issueRatios[p],
          100 * sameRatios[p],
          processRates[p],
          100 * processRatios[p],
          100 * userRatios[p]);
    }
    System.out.printf(
        Locale.ROOT,
        "median: seal+open %.0f per core-second; issue limit %.0f; ratio to the issue's limit"
            + " %.1f %% (target 50 %%), to the same-work limit %.1f %%; counting the whole"
            + " process's CPU (GC and JIT threads too): %.0f per second, %.1f %% of the issue's"
            + " limit; this thread's user-mode CPU only (as openssl speed counts): %.1f %% (sink"
            + " %d)%n",
        SealOpenLoop.median(rates),
        SealOpenLoop.median(issueLimits),
        100 * SealOpenLoop.median(issueRatios),
        100 * SealOpenLoop.median(sameRatios),
        SealOpenLoop.median(processRates),
        100 * SealOpenLoop.median(processRatios),
        100 * SealOpenLoop.median(userRatios),
        loop.sink());
  }

  static Speed openSslSpeed(int seconds) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                "openssl", "speed", "-seconds", Integer.toString(seconds), "ecdsap256", "ecdhp256")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("openssl speed failed: " + out);
    }
    return parse(out);
  }

  static Speed parse(String out) throws IOException {
    Matcher ecdsa = ECDSA.matcher(out);
    Matcher ecdh = ECDH.matcher(out);
    if (!ecdsa.find() || !ecdh.find()) {
      throw new IOException("unexpected openssl speed output: " + out);
    }
    return new Speed(
        Double.parseDouble(ecdsa.group(1)),
        Double.parseDouble(ecdsa.group(2)),
        Double.parseDouble(ecdh.group(1)));
  }
}
