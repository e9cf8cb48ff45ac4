package dev.grpcsamples.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 that counts the bytes going each way: what compression saves, measured on
 * the wire, whatever language is on either side.
 */
final class ByteCountingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final AtomicLong up = new AtomicLong();   // client to server
  private final AtomicLong down = new AtomicLong(); // server to client

  ByteCountingProxy(int serverPort) throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          Socket client = listener.accept();
          Socket server = new Socket();
          server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort));
          pump(client, server, up);
          pump(server, client, down);
        }
      } catch (IOException closed) {
        // close() ends the loop
      }
    }, "proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String target() {
    return "127.0.0.1:" + listener.getLocalPort();
  }

  long bytesUp() {
    return up.get();
  }

  long bytesDown() {
    return down.get();
  }

  private static void pump(Socket from, Socket to, AtomicLong count) {
    Thread pump = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buffer)) != -1; ) {
          count.addAndGet(n);
          out.write(buffer, 0, n);
        }
      } catch (IOException e) {
        // one side went away
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }, "proxy-pump");
    pump.setDaemon(true);
    pump.start();
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
