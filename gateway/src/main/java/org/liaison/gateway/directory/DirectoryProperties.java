package org.liaison.gateway.directory;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the gateway follows the federation directory, under {@code liaison.directory}.
 *
 * @param enabled whether to follow the directory topic at all (default true); off, the gateway
 *     knows only its static {@code peers} and {@code crls} files
 * @param stateFile where the last verified directory is kept (default {@code
 *     <liaison.data-dir>/directory.state})
 * @param maxAge how old the newest entry may be before the directory counts as stale (24 h)
 * @param maxEntryBytes the largest signed entry accepted (1 MiB)
 */
@ConfigurationProperties("liaison.directory")
public record DirectoryProperties(
    Boolean enabled, Path stateFile, Duration maxAge, int maxEntryBytes) {

  public DirectoryProperties {
    enabled = enabled == null || enabled;
    maxAge = maxAge == null ? Duration.ofHours(24) : maxAge;
    maxEntryBytes = maxEntryBytes <= 0 ? 1024 * 1024 : maxEntryBytes;
  }

  /** The state file, under {@code dataDir} unless configured. */
  public Path stateFile(Path dataDir) {
    return stateFile == null ? dataDir.resolve("directory.state") : stateFile;
  }
}
