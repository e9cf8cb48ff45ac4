package dev.grpcsamples.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * proto/third_party/googleapis holds google/rpc/status.proto and error_details.proto, which our
 * .proto files import, for the tools that do not read jars: buf lint, buf curl --schema, and the
 * Python, Node and Go peers in interop/ (Debian packages no Python google.rpc, and protobufjs needs
 * the files). They are copies of the files in proto-google-common-protos, the jar the Java build
 * imports them from: this test keeps them the same, so the copy can never drift.
 */
class VendoredProtosTest {
  @ParameterizedTest
  @ValueSource(strings = {"google/rpc/status.proto", "google/rpc/error_details.proto"})
  void theCopyIsTheFileTheJavaServersUse(String file) throws Exception {
    Path copy = Paths.get("third_party/googleapis").resolve(file);  // Maven runs tests in proto/
    try (InputStream original = getClass().getClassLoader().getResourceAsStream(file)) {
      assertNotNull(original, file + " is not on the class path (proto-google-common-protos)");
      assertEquals(new String(original.readAllBytes(), StandardCharsets.UTF_8),
          Files.readString(copy),
          copy + " differs from the jar's; copy it again from proto-google-common-protos");
    }
  }
}
