package org.liaison.pki.crypto;

import java.lang.ref.WeakReference;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * EC keys converted once into a provider's own key objects, and kept as long as the original key
 * object lives.
 *
 * <p>Why: a provider given a key of another provider (the JDK's, from a PKCS#12 store or a
 * certificate) rebuilds its own from the encoding at every operation; for ACCP that is a PKCS#8 or
 * X.509 parse into a native EVP key per signature and per key agreement, which showed in the
 * profile of sealing and opening. Keys are held weakly (a dropped key handle frees its entry); only
 * EC keys are converted, and a key the provider cannot convert is used as it is, so the provider's
 * own conversion (or refusal) applies as before. Thread-safe.
 */
public final class ProviderKeys {

  /** A key converted for a provider; the original is held weakly. */
  private record Converted(WeakReference<Key> original, Provider provider, Key key) {}

  /**
   * A table by identity: no {@code hashCode} or {@code equals} of the key is called (Bouncy
   * Castle's compute the public point, a scalar multiplication, every time). Set-associative,
   * {@link #WAYS} slots per set: a direct-mapped table let two keys in use whose identity hashes
   * met in one slot evict each other at every operation, so that a signing key was converted again
   * per seal in some runs and not in others.
   */
  static final int SLOTS = 256;

  static final int WAYS = 4;

  private static final AtomicReferenceArray<Converted> CONVERTED =
      new AtomicReferenceArray<>(SLOTS);

  private static final AtomicInteger VICTIM = new AtomicInteger();

  /** Whether a key class is {@code provider}'s own, as {@link #belongsTo} found it. */
  private record Verdict(Provider provider, boolean own) {}

  /** More providers than this for one key class are asked each time (not seen in practice). */
  static final int MAX_VERDICTS_PER_CLASS = 8;

  private static final ClassValue<AtomicReference<Verdict[]>> VERDICTS =
      new ClassValue<>() {
        @Override
        protected AtomicReference<Verdict[]> computeValue(Class<?> keyClass) {
          return new AtomicReference<>(new Verdict[0]);
        }
      };

  private ProviderKeys() {}

  /** Forgets every conversion (for tests that need to know what the table holds). */
  static void forgetAll() {
    for (int i = 0; i < SLOTS; i++) {
      CONVERTED.set(i, null);
    }
  }

  /** {@code key} as {@code provider}'s own object, when it is an EC key; else {@code key}. */
  public static PrivateKey forProvider(PrivateKey key, Provider provider) {
    return (PrivateKey) convert(key, provider);
  }

  /** {@code key} as {@code provider}'s own object, when it is an EC key; else {@code key}. */
  public static PublicKey forProvider(PublicKey key, Provider provider) {
    return (PublicKey) convert(key, provider);
  }

  private static Key convert(Key key, Provider provider) {
    if (!(key instanceof ECKey) || provider == null) {
      return key;
    }
    if (belongsTo(key, provider)) {
      // Checked first: hashing a provider's own key can mean encoding it (ACCP does).
      return key;
    }
    int hash = System.identityHashCode(key);
    int set = hash & (SLOTS - 1) & -WAYS;
    int free = -1;
    for (int way = 0; way < WAYS; way++) {
      Converted known = CONVERTED.get(set + way);
      if (known == null) {
        free = free < 0 ? set + way : free;
        continue;
      }
      Key original = known.original().get();
      if (original == key && known.provider() == provider) {
        return known.key();
      }
      if (original == null && free < 0) {
        free = set + way;
      }
    }
    byte[] encoded = key.getEncoded();
    if (encoded == null) {
      return key;
    }
    Key converted;
    try {
      // Not KeyFactory.translateKey: ACCP marks a translated key as ephemeral and destroys it
      // after its first use. A key built from its encoding is the provider's own to keep.
      KeyFactory factory = KeyFactory.getInstance("EC", provider);
      converted =
          key instanceof PrivateKey
              ? factory.generatePrivate(new PKCS8EncodedKeySpec(encoded))
              : factory.generatePublic(new X509EncodedKeySpec(encoded));
    } catch (GeneralSecurityException | RuntimeException notConvertible) {
      return key;
    } finally {
      if (key instanceof PrivateKey) {
        Arrays.fill(encoded, (byte) 0);
      }
    }
    // A full set gives up its slots in turn, so that no two keys keep evicting each other.
    int slot = free >= 0 ? free : set + (VICTIM.getAndIncrement() & (WAYS - 1));
    CONVERTED.set(slot, new Converted(new WeakReference<>(key), provider, converted));
    return converted;
  }

  /**
   * Whether {@code key} is one of {@code provider}'s own: its class comes from the provider's class
   * loader and the package of the provider's EC key factory (where Bouncy Castle and ACCP keep
   * their key classes).
   *
   * <p>The answer depends on the key's class and the provider alone, and is asked twice per opening
   * and per sealing; the service lookup behind it (an upper-cased map key, a class name cut apart)
   * is made once per pair and remembered with the key class. Only pairs from one class loader are
   * remembered, so that no provider is held through a class of another loader.
   */
  private static boolean belongsTo(Key key, Provider provider) {
    Class<?> keyClass = key.getClass();
    if (keyClass.getClassLoader() != provider.getClass().getClassLoader()) {
      return false;
    }
    AtomicReference<Verdict[]> remembered = VERDICTS.get(keyClass);
    Verdict[] known = remembered.get();
    for (Verdict verdict : known) {
      if (verdict.provider() == provider) {
        return verdict.own();
      }
    }
    boolean own = factoryPackageHolds(keyClass, provider);
    if (known.length < MAX_VERDICTS_PER_CLASS) {
      Verdict[] more = Arrays.copyOf(known, known.length + 1);
      more[known.length] = new Verdict(provider, own);
      // A lost race only means the answer is looked up again next time.
      remembered.compareAndSet(known, more);
    }
    return own;
  }

  private static boolean factoryPackageHolds(Class<?> keyClass, Provider provider) {
    Provider.Service factory = provider.getService("KeyFactory", "EC");
    if (factory == null) {
      return false;
    }
    String name = factory.getClassName();
    int dot = name.lastIndexOf('.');
    return dot > 0 && keyClass.getPackageName().equals(name.substring(0, dot));
  }
}
