package dev.grpcsamples.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Just enough HTTP/2 to send a server what a well-behaved gRPC client never would: a malformed
 * header, a truncated frame, raw bytes. Frames are written by hand (RFC 9113 §4.1), headers as HPACK
 * literals without Huffman coding (RFC 7541 §6.2.2). It reads nothing but the fact that the server
 * answered or hung up.
 */
public final class RawHttp2 implements AutoCloseable {
  public static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int DATA = 0x0;
  private static final int HEADERS = 0x1;
  private static final int SETTINGS = 0x4;
  private static final int END_STREAM = 0x1;
  private static final int END_HEADERS = 0x4;

  private final Socket socket;
  private final OutputStream out;

  public RawHttp2(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(5_000);
    out = socket.getOutputStream();
  }

  /** The client preface and an empty SETTINGS frame: the start of every HTTP/2 connection. */
  public RawHttp2 preface() throws IOException {
    out.write(PREFACE);
    frame(SETTINGS, 0, 0, new byte[0]);
    return this;
  }

  /** Raw bytes, exactly as given. */
  public RawHttp2 raw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** A HEADERS frame on {@code stream} with these headers, in order (pseudo-headers first). */
  public RawHttp2 headers(int stream, Map<String, String> headers, boolean endStream)
      throws IOException {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    for (Map.Entry<String, String> h : headers.entrySet()) {
      block.write(0x00); // literal header field without indexing, new name
      string(block, h.getKey());
      string(block, h.getValue());
    }
    frame(HEADERS, END_HEADERS | (endStream ? END_STREAM : 0), stream, block.toByteArray());
    return this;
  }

  /** A DATA frame carrying one gRPC message: compressed flag, 4-byte length, the bytes. */
  public RawHttp2 message(int stream, boolean compressedFlag, int declaredLength, byte[] bytes,
      boolean endStream) throws IOException {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    payload.write(compressedFlag ? 1 : 0);
    payload.write(new byte[] {(byte) (declaredLength >>> 24), (byte) (declaredLength >>> 16),
        (byte) (declaredLength >>> 8), (byte) declaredLength});
    payload.write(bytes);
    frame(DATA, endStream ? END_STREAM : 0, stream, payload.toByteArray());
    return this;
  }

  /** A frame header that promises {@code declared} bytes, followed by fewer. */
  public RawHttp2 truncatedFrame(int declared, byte[] sent) throws IOException {
    out.write(new byte[] {(byte) (declared >>> 16), (byte) (declared >>> 8), (byte) declared,
        (byte) DATA, 0, 0, 0, 0, 1});
    out.write(sent);
    out.flush();
    return this;
  }

  /**
   * Reads until the server closes the connection or has sent something, at most a few seconds;
   * true if the server answered with at least one byte.
   */
  public boolean answered() throws IOException {
    InputStream in = socket.getInputStream();
    try {
      return in.read() >= 0;
    } catch (SocketTimeoutException | java.net.SocketException e) {
      return false;
    }
  }

  private void frame(int type, int flags, int stream, byte[] payload) throws IOException {
    int length = payload.length;
    out.write(new byte[] {(byte) (length >>> 16), (byte) (length >>> 8), (byte) length,
        (byte) type, (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16),
        (byte) (stream >>> 8), (byte) stream});
    out.write(payload);
    out.flush();
  }

  /** An HPACK string literal, not Huffman-coded: a 7-bit-prefix length, then the bytes. */
  private static void string(ByteArrayOutputStream block, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    int length = bytes.length;
    if (length < 127) {
      block.write(length);
    } else {
      block.write(127);
      length -= 127;
      while (length >= 128) {
        block.write((length & 0x7f) | 0x80);
        length >>>= 7;
      }
      block.write(length);
    }
    block.write(bytes, 0, bytes.length);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
