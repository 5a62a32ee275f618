package org.liaison.pki.ca;

/** The state of an issued certificate as its CA sees it at a given time. */
public enum CertificateStatus {
  VALID,
  NOT_YET_VALID,
  EXPIRED,
  REVOKED
}
