#!/usr/bin/python3
"""The Python client: calls helloworld.Greeter and recommend.UserRecommend on any server.

    python3 interop/python/client.py [all|hello|again|replies|greetings|bidi|recommend] [options]

The same subcommands and flags as the Java clients (greeter-client, recommend-client), on Debian's
python3-grpcio. The stubs come from interop/generate.sh, made from proto/ like the Java ones.
"""

import argparse
import base64
import datetime
import os
import sys
import time

import grpc

# The generated modules: interop/generate.sh writes them to interop/target/python.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "python"))
from google.protobuf import json_format  # noqa: E402
from google.rpc import error_details_pb2, status_pb2  # noqa: E402
from helloworld import greeter_pb2, greeter_pb2_grpc  # noqa: E402
from recommend import recommend_pb2, recommend_pb2_grpc  # noqa: E402

STREAM_NAMES = ["Ada", "Grace", "Alan"]


def hello(stub, args, call_options):
    for name in args.name or ["world"]:
        reply, call = stub.SayHello.with_call(greeter_pb2.HelloRequest(name=name), **call_options)
        show_metadata(args, call)
        print(reply.message)


def again(stub, args, call_options):
    for name in args.name or ["world"]:
        reply, call = stub.SayHelloAgain.with_call(greeter_pb2.HelloRequest(name=name), **call_options)
        show_metadata(args, call)
        print(reply.message)


def replies(stub, args, call_options):
    for name in args.name or ["world"]:
        # A server stream is an iterator of replies; it is also the call, for the metadata.
        stream = stub.LotsOfReplies(greeter_pb2.HelloRequest(name=name), **call_options)
        for reply in stream:
            print(reply.message, flush=True)
        show_metadata(args, stream)


def greetings(stub, args, call_options):
    # A client stream is any iterator of requests; a generator sends them one by one.
    requests = (greeter_pb2.HelloRequest(name=n) for n in args.name or STREAM_NAMES)
    reply, call = stub.LotsOfGreetings.with_call(requests, **call_options)
    show_metadata(args, call)
    print(reply.message)


def bidi(stub, args, call_options):
    requests = (greeter_pb2.HelloRequest(name=n) for n in args.name or STREAM_NAMES)
    stream = stub.BidiHello(requests, **call_options)
    for reply in stream:
        print(reply.message, flush=True)
    show_metadata(args, stream)


def all_calls(stub, args, call_options):
    for title, call in [("SayHello (unary)", hello), ("SayHelloAgain (unary)", again),
                        ("LotsOfReplies (server streaming)", replies),
                        ("LotsOfGreetings (client streaming)", greetings),
                        ("BidiHello (bidirectional streaming)", bidi)]:
        print("# " + title, flush=True)
        call(stub, args, call_options)


def recommend(channel, args, call_options):
    request = recommend_pb2.UserRequest(user_id=args.user, article_num=args.count,
                                        time_stamp=int(time.time() * 1000))
    stub = recommend_pb2_grpc.UserRecommendStub(channel)
    response, call = stub.Recommend.with_call(request, **call_options)
    show_metadata(args, call)
    if args.json:
        # MessageToJson uses protobuf's JSON names (lowerCamelCase), like Java's JsonFormat.
        print(json_format.MessageToJson(response))
        return
    print(f"Top {len(response.recommends)} of {response.catalog_size} articles for user {args.user}")
    for rank, a in enumerate(response.recommends, 1):
        print(f"{rank:3} {a.article_id:5}  {a.title}  (views {a.info.views}, shares {a.info.shares})")
    print("exposure: " + describe_exposure(response.exposure))


def describe_exposure(token):
    """The exposure token is base64url, without padding, of an Exposure message."""
    exposure = recommend_pb2.Exposure.FromString(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    when = datetime.datetime.fromtimestamp(exposure.time_stamp / 1000, datetime.timezone.utc)
    return (f"user {exposure.user_id} at {when.isoformat(timespec='milliseconds').replace('+00:00', 'Z')}"
            f" was shown articles {', '.join(str(i) for i in exposure.article_ids)}")


def show_metadata(args, call):
    """--show-metadata: what the server sent besides the replies, on stderr, like the Java clients."""
    if args.show_metadata:
        print_metadata("header", call.initial_metadata())
        print_metadata("trailer", call.trailing_metadata())


def print_metadata(kind, metadata):
    for key, value in sorted(metadata or ()):
        if key == "grpc-status-details-bin":
            continue  # the error details: printed as such by print_error
        if key.endswith("-bin"):  # binary values arrive as bytes
            text = base64.b64encode(value).decode()
            try:
                text += f" (UTF-8: {value.decode('utf-8')})"
            except UnicodeDecodeError:
                pass
            value = text
        print(f"{kind} {key}: {value}", file=sys.stderr)


def print_error(args, error):
    """A failed call: CODE: description, then the google.rpc.Status details the server attached."""
    print(f"{error.code().name}: {error.details()}", file=sys.stderr)
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            status = status_pb2.Status.FromString(value)
            for detail in status.details:
                bad_request = error_details_pb2.BadRequest()
                if detail.Unpack(bad_request):
                    for v in bad_request.field_violations:
                        print(f"  {v.field}: {v.description}", file=sys.stderr)
                else:
                    print(f"  ({detail.type_url})", file=sys.stderr)
    if args.show_metadata:
        print_metadata("trailer", error.trailing_metadata())


def open_channel(args):
    options = []
    if args.authority:
        # The name the server's certificate must have, when it is not the target's host.
        options.append(("grpc.ssl_target_name_override", args.authority))
    compression = grpc.Compression.Gzip if args.compression == "gzip" else None
    if args.tls_ca:
        with open(args.tls_ca, "rb") as f:
            credentials = grpc.ssl_channel_credentials(root_certificates=f.read())
        return grpc.secure_channel(args.target, credentials, options, compression)
    return grpc.insecure_channel(args.target, options, compression)


def header(text):
    """-H KEY=VALUE: a -bin key carries bytes, given here as base64 (like the Java clients)."""
    key, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"--header wants KEY=VALUE, not '{text}'")
    key = key.lower()
    if key.endswith("-bin"):
        return key, base64.b64decode(value)
    if not (value.isascii() and value.isprintable()):
        # grpcio would raise "metadata was invalid"; say what to do instead.
        raise argparse.ArgumentTypeError(
            f"--header {key}: the value is not printable ASCII. Send it under a -bin key as base64 "
            f"of its UTF-8 bytes (--header {key}-bin={base64.b64encode(value.encode()).decode()}), "
            "or percent-encode it")
    return key, value


def duration(text):
    """500ms, 2s, 1m -> seconds, as a float: gRPC Python's timeout."""
    for suffix, scale in (("ms", 0.001), ("s", 1), ("m", 60)):
        if text.endswith(suffix) and text[:-len(suffix)].replace(".", "", 1).isdigit():
            return float(text[:-len(suffix)]) * scale
    raise argparse.ArgumentTypeError(f"not a duration: '{text}' (try 500ms, 2s or 1m)")


def parse(argv):
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--target", help="HOST:PORT (default: localhost:50051; recommend: localhost:50052)")
    common.add_argument("--name", action="append", help="who to greet; repeat for several")
    common.add_argument("--tls-ca", metavar="FILE", help="use TLS, trusting this CA")
    common.add_argument("--authority", metavar="NAME", help="the name the server's certificate must have")
    common.add_argument("--compression", choices=["gzip"], help="compress the requests")
    common.add_argument("-H", "--header", type=header, action="append", default=[], metavar="KEY=VALUE")
    common.add_argument("--deadline", type=duration, metavar="DURATION", help="e.g. 500ms, 2s")
    common.add_argument("--show-metadata", action="store_true", help="print headers and trailers")
    common.add_argument("--user", type=int, default=1, help="recommend: user_id (default 1)")
    common.add_argument("--count", type=int, default=5, help="recommend: article_num (default 5)")
    common.add_argument("--json", action="store_true", help="recommend: print the response as JSON")
    parser = argparse.ArgumentParser(prog="client.py", description="Calls Greeter and UserRecommend.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in ["all", "hello", "again", "replies", "greetings", "bidi", "recommend"]:
        commands.add_parser(name, parents=[common])
    # No subcommand means all, as with the Java client; the options come after the subcommand.
    if not argv[:1] or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["all"] + argv
    args = parser.parse_args(argv)
    args.target = args.target or ("localhost:50052" if args.command == "recommend" else "localhost:50051")
    return args


def main(argv):
    args = parse(argv)  # a usage error exits with code 2
    call_options = {"metadata": args.header or None, "timeout": args.deadline}
    with open_channel(args) as channel:
        try:
            if args.command == "recommend":
                recommend(channel, args, call_options)
            else:
                commands = {"all": all_calls, "hello": hello, "again": again, "replies": replies,
                            "greetings": greetings, "bidi": bidi}
                commands[args.command](greeter_pb2_grpc.GreeterStub(channel), args, call_options)
        except grpc.RpcError as error:
            print_error(args, error)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
