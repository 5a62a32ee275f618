package org.liaison.schemas;

import org.apache.avro.specific.AvroGenerated;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Lets Avro (1.12.2 and later) instantiate Liaison's generated classes, and no others.
 *
 * <p>Avro refuses to load any class named by a schema unless it is trusted, and keeps that trust in
 * one process-wide predicate. Rather than ask every application to set a system property, the codec
 * adds, once, a predicate that trusts exactly the classes generated from our contracts (package
 * {@code org.liaison.schemas.avro}, annotated {@link AvroGenerated}) in front of whatever was
 * trusted before.
 *
 * <p>{@link org.liaison.schemas.codec.AvroCodec}, {@link org.liaison.schemas.codec.NoticeJson} and
 * the example notices call {@link #install()} themselves. Code that builds a generated record with
 * its builder before touching any of them must call it first: Avro's builders read field defaults
 * through the same check.
 */
public final class AvroTrust {

  private static final String GENERATED_PACKAGE = "org.liaison.schemas.avro";

  private static boolean installed;

  private AvroTrust() {}

  /** Makes sure our generated classes are trusted; cheap after the first call. */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
    ClassSecurityPredicate ours = AvroTrust::isOurGeneratedClass;
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ours, before));
    installed = true;
  }

  /** Whether {@code type} is one of the classes generated from Liaison's contracts. */
  public static boolean isOurGeneratedClass(Class<?> type) {
    return GENERATED_PACKAGE.equals(type.getPackageName())
        && type.isAnnotationPresent(AvroGenerated.class);
  }
}
