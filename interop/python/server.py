#!/usr/bin/python3
"""The Python server: helloworld.Greeter (all five methods, the Java server's replies word for word)
and a small recommend.UserRecommend, on Debian's python3-grpcio.

    python3 interop/python/server.py [--port 50051] [--tls-cert FILE --tls-key FILE] [--delay 2s]
                                     [--replies 5] [--echo-metadata]
"""

import argparse
import logging
import os
import signal
import sys
import threading
from concurrent import futures

import grpc

# The generated modules: interop/generate.sh writes them to interop/target/python.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "python"))
from helloworld import greeter_pb2, greeter_pb2_grpc  # noqa: E402
from recommend_service import RecommendService  # noqa: E402
from recommend import recommend_pb2_grpc  # noqa: E402

GOODBYE = "后会有期"  # "until we meet again": LotsOfGreetings answers at once
NO_DEADLINE = 10 * 365 * 24 * 3600  # seconds: more than this left means the call has no deadline


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self, replies, delay, echo):
        self.replies = replies
        self.delay = delay
        self.echo = echo  # --echo-metadata

    def SayHello(self, request, context):
        self.check_and_wait("SayHello", request, context)
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")

    def SayHelloAgain(self, request, context):
        self.check_and_wait("SayHelloAgain", request, context)
        return greeter_pb2.HelloReply(message=f"Hello again, {request.name}!")

    def LotsOfReplies(self, request, context):
        self.echo_metadata(context)
        for i in range(1, self.replies + 1):
            if not context.is_active():  # the client cancelled, or its deadline passed
                return
            yield greeter_pb2.HelloReply(message=f"Hello, {request.name}! (reply {i} of {self.replies})")

    def LotsOfGreetings(self, request_iterator, context):
        self.echo_metadata(context)
        names = []
        for request in request_iterator:
            if request.name == GOODBYE:  # answer now; the requests still coming are never read
                return greeter_pb2.HelloReply(
                    message=f"{GOODBYE}! Goodbye after {count(names)}{listing(names)}")
            names.append(request.name)
        return greeter_pb2.HelloReply(message=f"Hello to all {count(names)}{listing(names)}!")

    def BidiHello(self, request_iterator, context):
        self.echo_metadata(context)
        for request in request_iterator:
            yield greeter_pb2.HelloReply(message=f"Hello, {request.name}!")

    def echo_metadata(self, context):
        if self.echo:
            echo_metadata(context)

    def check_and_wait(self, method, request, context):
        self.echo_metadata(context)
        if not request.name:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "name must not be empty")
        if self.delay:
            # Work for --delay, but stop when the call ends: add_callback runs when the client
            # cancels or the deadline passes.
            ended = threading.Event()
            context.add_callback(ended.set)
            if ended.wait(self.delay):
                logging.info("%s(%s) stopped before answering: the call ended", method, request.name)
                context.abort(grpc.StatusCode.CANCELLED, "the call ended")


def count(names):
    return f"{len(names)} name" + ("" if len(names) == 1 else "s")


def listing(names):
    return ": " + ", ".join(names) if names else ""


def echo_metadata(context):
    """Sends served-by (and, for a call with a deadline, what is left of it) as headers, and every
    request header back as an echo-KEY trailer."""
    headers = [("served-by", "python-server")]
    # For a call without a deadline, grpcio 1.51 returns about 2**63 seconds here, not None.
    remaining = context.time_remaining()
    if remaining is not None and remaining < NO_DEADLINE:
        headers.append(("deadline-remaining", f"{max(0, int(remaining * 1000))}ms"))
    context.send_initial_metadata(tuple(headers))
    context.set_trailing_metadata(tuple(
        ("echo-" + key, value) for key, value in context.invocation_metadata()
        if not key.startswith(("grpc-", ":")) and key not in ("user-agent", "te", "content-type")
        # A client that breaks the rules (grpc-go sends UTF-8 as it is) must not break the call:
        # grpcio refuses to send a non-ASCII value back, and the call would then never end.
        and (isinstance(value, bytes) or value.isascii() and value.isprintable())))


def seconds(text):
    for suffix, scale in (("ms", 0.001), ("s", 1)):
        if text.endswith(suffix) and text[:-len(suffix)].isdigit():
            return int(text[:-len(suffix)]) * scale
    raise argparse.ArgumentTypeError(f"not a duration: '{text}' (try 500ms or 2s)")


def main():
    parser = argparse.ArgumentParser(prog="server.py", description="Serves Greeter and UserRecommend.")
    parser.add_argument("--port", type=int, default=50051, help="0 picks a free port (default 50051)")
    parser.add_argument("--tls-cert", metavar="FILE")
    parser.add_argument("--tls-key", metavar="FILE")
    parser.add_argument("--replies", type=int, default=5, help="LotsOfReplies sends N (default 5)")
    parser.add_argument("--delay", type=seconds, default=0, help="make SayHello this slow, e.g. 2s")
    parser.add_argument("--echo-metadata", action="store_true",
                        help="send served-by, and every request header back as an echo-KEY trailer")
    args = parser.parse_args()
    logging.basicConfig(format="%(asctime)s %(levelname)s %(message)s", datefmt="%H:%M:%S",
                        level=logging.INFO)

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=10))
    greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(args.replies, args.delay, args.echo_metadata), server)
    recommend_pb2_grpc.add_UserRecommendServicer_to_server(RecommendService(), server)
    address = f"[::]:{args.port}"
    if args.tls_cert:
        with open(args.tls_key, "rb") as key, open(args.tls_cert, "rb") as cert:
            credentials = grpc.ssl_server_credentials([(key.read(), cert.read())])
        port = server.add_secure_port(address, credentials)
    else:
        port = server.add_insecure_port(address)
    server.start()
    logging.info("python-server listening on port %d (%s)", port, "TLS" if args.tls_cert else "plaintext")
    # Ctrl-C or SIGTERM: stop taking calls, give the ones in flight 5 seconds.
    signal.signal(signal.SIGTERM, lambda *_: server.stop(5))
    try:
        server.wait_for_termination()
    except KeyboardInterrupt:
        server.stop(5).wait()
    logging.info("python-server stopped")


if __name__ == "__main__":
    main()
