package org.liaison.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.liaison.gateway.config.LiaisonProperties;
import org.liaison.gateway.directory.DirectoryProperties;
import org.liaison.gateway.inbound.InboxEventsProperties;
import org.liaison.gateway.ops.OperationsProperties;
import org.liaison.gateway.security.SecurityProperties;

/**
 * The operator's guide lists every property the gateway binds: the names are read off the
 * configuration records themselves, so a new setting without a line in {@code docs/operations.md}
 * fails the build.
 */
class OperationsGuideTest {

  private static final Path GUIDE = Path.of("..", "docs", "operations.md");

  @Test
  void theGuideNamesEveryProperty() throws IOException {
    String guide = Files.readString(GUIDE);
    Set<String> names = new TreeSet<>();
    names(LiaisonProperties.class, "liaison", names);
    names(SecurityProperties.class, "liaison.security", names);
    names(OperationsProperties.class, "liaison.operations", names);
    names(DirectoryProperties.class, "liaison.directory", names);
    names(InboxEventsProperties.class, "liaison.inbox-events", names);
    assertThat(names).hasSizeGreaterThan(40).contains("liaison.units[i].tls-alias");

    assertThat(names.stream().filter(n -> !guide.contains("`" + n + "`")).toList())
        .as("properties missing from docs/operations.md")
        .isEmpty();
  }

  @Test
  void theNamesFollowTheRecords() {
    Set<String> names = new TreeSet<>();
    names(SecurityProperties.class, "liaison.security", names);
    assertThat(names)
        .contains(
            "liaison.security.accounts[i].certificates[j].issuer",
            "liaison.security.jwt.jwk-set-uri",
            "liaison.security.allow-plain-http")
        .doesNotContain("liaison.security.accounts", "liaison.security.jwt");
  }

  /** The leaf property names of {@code type}, a configuration record, under {@code prefix}. */
  private static void names(Class<?> type, String prefix, Set<String> into) {
    for (RecordComponent c : type.getRecordComponents()) {
      String name = prefix + "." + kebab(c.getName());
      // liaison.security and liaison.operations have records of their own.
      if (type == LiaisonProperties.class
          && List.of("security", "operations").contains(c.getName())) {
        continue;
      }
      Class<?> element = listElement(c.getGenericType());
      if (c.getType().isRecord()) {
        names(c.getType(), name, into);
      } else if (element != null && element.isRecord()) {
        names(element, name + index(name), into);
      } else {
        into.add(name);
      }
    }
  }

  /** {@code [i]} for a first list, {@code [j]} for a list inside a list's element. */
  private static String index(String name) {
    return name.contains("[i]") ? "[j]" : "[i]";
  }

  private static Class<?> listElement(Type type) {
    if (type instanceof ParameterizedType p
        && p.getRawType() == List.class
        && p.getActualTypeArguments()[0] instanceof Class<?> element) {
      return element;
    }
    return null;
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
