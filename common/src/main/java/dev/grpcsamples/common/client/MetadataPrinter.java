package dev.grpcsamples.common.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.PrintWriter;

/**
 * {@code --show-metadata}: prints the response headers and trailers of every call on stderr, as
 * {@code header KEY: VALUE} and {@code trailer KEY: VALUE}. (A failed call's trailers are printed with
 * its error instead.)
 */
final class MetadataPrinter implements ClientInterceptor {
  private final PrintWriter err;

  MetadataPrinter(PrintWriter err) {
    this.err = err;
  }

  @Override
  public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
      MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
    return new SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {
      @Override
      public void start(Listener<RespT> listener, Metadata headers) {
        super.start(new SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onHeaders(Metadata responseHeaders) {
            MetadataText.lines(responseHeaders).forEach(line -> err.println("header " + line));
            super.onHeaders(responseHeaders);
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            if (status.isOk()) {
              MetadataText.lines(trailers).forEach(line -> err.println("trailer " + line));
            }
            err.flush();
            super.onClose(status, trailers);
          }
        }, headers);
      }
    };
  }
}
