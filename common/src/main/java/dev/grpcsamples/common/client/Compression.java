package dev.grpcsamples.common.client;

import dev.grpcsamples.common.cli.Cli;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.CompressorRegistry;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Message compression, both sides. A client compresses what it sends per call
 * ({@code CallOptions.withCompression}); a server picks the compression of its replies per call
 * ({@code ServerCall.setCompression}), here for every call through an interceptor. Each side can read
 * any encoding the other announces, so the two settings are independent. grpc-java ships "gzip".
 */
public final class Compression {
  private Compression() {}

  /** Rejects a name grpc-java has no compressor for; the message names the option. */
  static String check(String option, String name) {
    if (CompressorRegistry.getDefaultInstance().lookupCompressor(name) == null) {
      throw new Cli.UsageError(option + " '" + name + "': grpc-java knows gzip and identity");
    }
    return name;
  }

  /** The client side: every call made through the channel compresses its requests. */
  static ClientInterceptor forCalls(String name) {
    return new ClientInterceptor() {
      @Override
      public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
          MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
        return next.newCall(method, callOptions.withCompression(name));
      }
    };
  }

  /** The server side: every call compresses its replies (the server's --compression). */
  static ServerInterceptor forReplies(String name) {
    return new ServerInterceptor() {
      @Override
      public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
          ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        call.setCompression(name);
        return next.startCall(call, headers);
      }
    };
  }
}
