package dev.grpcsamples.common.security;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.logging.Logger;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Who is calling. With mutual TLS, the subject of the verified client certificate (Python's
 * {@code context.peer_identities()} / {@code auth_context()}). With --auth-token or --tokens, the
 * holder of the bearer token, checked here: no token or an unknown one is UNAUTHENTICATED ("who are
 * you?"); a known token without the right to call the method is PERMISSION_DENIED ("I know you, and
 * no"). The identity is put on the call's gRPC Context: a service reads {@code IDENTITY.get()}.
 *
 * <p>Health and reflection need no token: load balancers, probes and tools such as grpcurl must
 * reach them without holding an application's credentials. The server says which methods are exempt.
 *
 * <p>The scheme name is matched without regard to case ({@code bearer}, {@code Bearer}), as RFC 6750
 * and HTTP's own rules for authentication schemes say.
 */
public final class Authentication implements ServerInterceptor {
  /** The caller's identity, for code running in the call: {@code Authentication.IDENTITY.get()}. */
  public static final Context.Key<String> IDENTITY = Context.key("identity");

  private static final Logger logger = Logger.getLogger(Authentication.class.getName());

  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "bearer ";

  private final TokenTable tokens;
  private final Predicate<String> exempt;

  /**
   * @param tokens the accepted bearer tokens, or null if this server needs none
   * @param exempt full method names that need no token (health, reflection)
   */
  public Authentication(TokenTable tokens, Predicate<String> exempt) {
    this.tokens = tokens;
    this.exempt = exempt;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    String identity = certificateSubject(call);
    if (tokens != null && !exempt.test(method)) {
      String authorization = headers.get(AUTHORIZATION);
      if (authorization == null
          || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
        return refuse(call, Status.UNAUTHENTICATED.withDescription(
            "this server needs a bearer token: send one with --token"));
      }
      TokenTable.Grant grant = tokens.find(authorization.substring(BEARER.length()).strip());
      if (grant == null) {
        return refuse(call, Status.UNAUTHENTICATED.withDescription("the bearer token is not valid"));
      }
      if (!grant.allows(method)) {
        return refuse(call, Status.PERMISSION_DENIED.withDescription(
            grant.identity() + " may not call " + method));
      }
      identity = grant.identity();
    }
    if (identity == null) {
      return next.startCall(call, headers);
    }
    String caller = identity;
    logger.fine(() -> method + " called by " + caller);
    return Contexts.interceptCall(Context.current().withValue(IDENTITY, identity),
        call, headers, next);
  }

  /** The verified client certificate's subject, e.g. "CN=Ada,O=grpc-java-samples", or null. */
  private static String certificateSubject(ServerCall<?, ?> call) {
    SSLSession tls = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (tls == null) {
      return null;
    }
    try {
      Certificate[] chain = tls.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate
          ? ((X509Certificate) chain[0]).getSubjectX500Principal().getName() : null;
    } catch (SSLPeerUnverifiedException noClientCertificate) {
      return null; // plain TLS: the client did not present a certificate
    }
  }

  private static <ReqT> ServerCall.Listener<ReqT> refuse(ServerCall<ReqT, ?> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
