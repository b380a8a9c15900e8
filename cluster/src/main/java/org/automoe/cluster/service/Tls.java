package org.automoe.cluster.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.automoe.core.InvalidInputException;

/** The server's TLS context from PEM files: a certificate chain and its PKCS#8 private key. */
final class Tls {
  private Tls() {}

  static SSLContext serverContext(Path certPem, Path keyPem) {
    Certificate[] chain;
    try (InputStream in = Files.newInputStream(certPem)) {
      chain =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(in)
              .toArray(new Certificate[0]);
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidInputException(certPem + ": not a PEM certificate (" + e.getMessage() + ")");
    }
    if (chain.length == 0) {
      throw new InvalidInputException(certPem + ": no certificate in it");
    }
    PrivateKey key;
    try {
      String pem = Files.readString(keyPem, StandardCharsets.US_ASCII);
      if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
        throw new InvalidInputException(
            keyPem
                + ": not a PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----); convert it with"
                + " `openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8`");
      }
      byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
      key =
          KeyFactory.getInstance(chain[0].getPublicKey().getAlgorithm())
              .generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new InvalidInputException(keyPem + ": cannot read the key (" + e.getMessage() + ")");
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, new char[0], chain);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, new char[0]);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidInputException(
          certPem
              + " and "
              + keyPem
              + ": the key does not fit the certificate ("
              + e.getMessage()
              + ")");
    }
  }
}
