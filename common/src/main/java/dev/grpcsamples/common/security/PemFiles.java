package dev.grpcsamples.common.security;

import dev.grpcsamples.common.cli.Cli;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Reads the PEM files that TLS options name, before gRPC does, so that a mistake is found at start-up
 * and told in one line that names the option and what to do. Without this, Netty says only "Input
 * stream does not contain valid private key" (with a stack trace), and a certificate that does not
 * match its key, or has expired, is found only when every handshake fails.
 */
public final class PemFiles {
  private PemFiles() {}

  /** The certificates of a PEM file (a chain, or CAs to trust); at least one. */
  public static List<X509Certificate> certificates(String option, Path file) {
    try (InputStream in = Files.newInputStream(Cli.readableFile(option, file))) {
      List<X509Certificate> certs = CertificateFactory.getInstance("X.509")
          .generateCertificates(in).stream().map(c -> (X509Certificate) c).toList();
      if (!certs.isEmpty()) {
        return certs;
      }
    } catch (IOException | CertificateException e) {
      // told below
    }
    throw new Cli.InputError(option + " " + file + ": not a PEM certificate (a file that starts "
        + "with -----BEGIN CERTIFICATE-----)");
  }

  /** A PKCS#8 private key; PKCS#1, SEC1 and encrypted keys are refused with how to convert them. */
  public static PrivateKey privateKey(String option, Path file) {
    String pem;
    try {
      pem = Files.readString(Cli.readableFile(option, file), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new Cli.InputError(option + " " + file + ": cannot read (" + e.getMessage() + ")");
    }
    String convert = " convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out "
        + file + ".pk8";
    if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      throw new Cli.InputError(option + " " + file + ": the key is encrypted, and gRPC needs it "
          + "unencrypted (PKCS#8);" + convert);
    }
    if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")
        || pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
      throw new Cli.InputError(option + " " + file + ": the key is in the traditional (PKCS#1 or "
          + "SEC1) format, and gRPC needs PKCS#8;" + convert);
    }
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin >= 0 && end > begin) {
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(
            pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
      } catch (IllegalArgumentException e) {
        der = new byte[0];
      }
      for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
        try {
          return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
          // try the next algorithm
        }
      }
    }
    throw new Cli.InputError(option + " " + file + ": not a PEM private key (a file that starts "
        + "with -----BEGIN PRIVATE KEY-----)");
  }

  /**
   * Checks that {@code key} belongs to the first certificate of the chain (by signing with one and
   * verifying with the other), and that the certificate is valid today.
   */
  public static void checkPair(X509Certificate cert, PrivateKey key, String certOption,
      Path certFile, String keyOption, Path keyFile) {
    try {
      String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA"
          : key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : key.getAlgorithm();
      byte[] probe = "grpc-java-samples".getBytes(StandardCharsets.US_ASCII);
      Signature sign = Signature.getInstance(algorithm);
      sign.initSign(key);
      sign.update(probe);
      byte[] signature = sign.sign();
      Signature verify = Signature.getInstance(algorithm);
      verify.initVerify(cert.getPublicKey());
      verify.update(probe);
      if (!verify.verify(signature)) {
        throw new GeneralSecurityException("signature does not verify");
      }
    } catch (GeneralSecurityException e) {
      throw new Cli.InputError(keyOption + " " + keyFile + " is not the private key of "
          + certOption + " " + certFile + ": give the key that was made with that certificate");
    }
    checkValidity(certOption, certFile, cert);
  }

  /** A certificate outside its validity dates is refused, with the dates. */
  public static void checkValidity(String option, Path file, X509Certificate cert) {
    try {
      cert.checkValidity();
    } catch (CertificateExpiredException e) {
      throw new Cli.InputError(option + " " + file + ": the certificate expired on "
          + cert.getNotAfter().toInstant() + "; make a new one (certs/generate.sh for these samples)");
    } catch (CertificateNotYetValidException e) {
      throw new Cli.InputError(option + " " + file + ": the certificate is not valid before "
          + cert.getNotBefore().toInstant() + " (is this machine's clock right?)");
    }
  }
}
