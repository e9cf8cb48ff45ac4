// The Go client: calls helloworld.Greeter and recommend.UserRecommend on any server.
//
//	interop/target/go/bin/client [all|hello|again|replies|greetings|bidi|recommend] [options]
//
// The same subcommands and flags as the Java clients, on grpc-go. interop/generate.sh builds it.
package main

import (
	"context"
	"encoding/base64"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
	"unicode"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/encoding/gzip" // registers gzip: without this import, no gzip at all
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// options are the flags, shared by every subcommand.
type options struct {
	target, tlsCA, authority, compression string
	names, headers                        list
	deadline                              time.Duration
	showMetadata, json                    bool
	user, count                           int
}

// list is a flag that may be repeated: --name Ada --name Grace.
type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(s string) error { *l = append(*l, s); return nil }

func main() {
	args := os.Args[1:]
	command := "all"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		command, args = args[0], args[1:]
	}
	o := parse(command, args)

	conn, err := dial(o)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer conn.Close()

	ctx, cancel := callContext(o)
	defer cancel()
	calls := map[string]func(context.Context, *grpc.ClientConn, *options) error{
		"all": all, "hello": hello, "again": again, "replies": replies, "greetings": greetings,
		"bidi": bidi, "recommend": recommend,
	}
	call, ok := calls[command]
	if !ok {
		fmt.Fprintf(os.Stderr, "unknown command %q: use all, hello, again, replies, greetings, bidi or recommend\n", command)
		os.Exit(2)
	}
	if err := call(ctx, conn, o); err != nil {
		printError(err, o)
		os.Exit(1)
	}
}

func parse(command string, args []string) *options {
	o := &options{}
	fs := flag.NewFlagSet("client "+command, flag.ExitOnError) // a usage error exits with code 2
	defaultTarget := "localhost:50051"
	if command == "recommend" {
		defaultTarget = "localhost:50052"
	}
	fs.StringVar(&o.target, "target", defaultTarget, "HOST:PORT")
	fs.Var(&o.names, "name", "who to greet; repeat for several")
	fs.StringVar(&o.tlsCA, "tls-ca", "", "use TLS, trusting this CA `FILE`")
	fs.StringVar(&o.authority, "authority", "", "the `NAME` the server's certificate must have")
	fs.StringVar(&o.compression, "compression", "", "gzip: compress the requests")
	fs.Var(&o.headers, "H", "a request header `KEY=VALUE` (a -bin key takes base64); repeat for several")
	fs.Var(&o.headers, "header", "same as -H")
	fs.DurationVar(&o.deadline, "deadline", 0, "a deadline for each call, e.g. 500ms, 2s")
	fs.BoolVar(&o.showMetadata, "show-metadata", false, "print the headers and trailers")
	fs.IntVar(&o.user, "user", 1, "recommend: user_id")
	fs.IntVar(&o.count, "count", 5, "recommend: article_num")
	fs.BoolVar(&o.json, "json", false, "recommend: print the response as JSON")
	fs.Parse(args)
	return o
}

func dial(o *options) (*grpc.ClientConn, error) {
	var opts []grpc.DialOption
	if o.tlsCA != "" {
		// The second argument overrides the name the certificate must have (--authority).
		creds, err := credentials.NewClientTLSFromFile(o.tlsCA, o.authority)
		if err != nil {
			return nil, fmt.Errorf("--tls-ca: %v", err)
		}
		opts = append(opts, grpc.WithTransportCredentials(creds))
	} else {
		opts = append(opts, grpc.WithInsecure())
	}
	if o.compression == "gzip" {
		opts = append(opts, grpc.WithDefaultCallOptions(grpc.UseCompressor(gzip.Name)))
	}
	return grpc.Dial(o.target, opts...)
}

// callContext carries what every call sends besides its messages: the headers and the deadline.
func callContext(o *options) (context.Context, context.CancelFunc) {
	ctx := context.Background()
	for _, h := range o.headers {
		key, value, ok := strings.Cut(h, "=")
		if !ok {
			fmt.Fprintf(os.Stderr, "--header wants KEY=VALUE, not %q\n", h)
			os.Exit(2)
		}
		if strings.HasSuffix(key, "-bin") {
			// A -bin value is bytes: given as base64 here; grpc-go base64-encodes it on the wire.
			raw, err := base64.StdEncoding.DecodeString(value)
			if err != nil {
				fmt.Fprintf(os.Stderr, "--header %s: not base64: %v\n", key, err)
				os.Exit(2)
			}
			value = string(raw)
		} else if !printableASCII(value) {
			// grpc-go would send the UTF-8 bytes as they are, which the gRPC spec forbids: a Java
			// server reads each byte as '?', and a C-core server (Python) may never answer.
			fmt.Fprintf(os.Stderr, "--header %s: the value is not printable ASCII. Send it under a -bin key as "+
				"base64 of its UTF-8 bytes (--header %s-bin=%s), or percent-encode it\n",
				key, key, base64.StdEncoding.EncodeToString([]byte(value)))
			os.Exit(2)
		}
		ctx = metadata.AppendToOutgoingContext(ctx, key, value)
	}
	if o.deadline > 0 {
		return context.WithTimeout(ctx, o.deadline)
	}
	return context.WithCancel(ctx)
}

// showMetadata prints what the server sent besides the replies, on stderr, like the Java clients.
func showMetadata(o *options, kind string, md metadata.MD) {
	if !o.showMetadata {
		return
	}
	keys := make([]string, 0, len(md))
	for k := range md {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "content-type" || k == "grpc-status-details-bin" {
			continue // HTTP/2's, and the error details (printed as such)
		}
		for _, v := range md[k] {
			if strings.HasSuffix(k, "-bin") {
				v = fmt.Sprintf("%s (UTF-8: %s)", base64.StdEncoding.EncodeToString([]byte(v)), v)
			}
			fmt.Fprintf(os.Stderr, "%s %s: %s\n", kind, k, v)
		}
	}
}

// printError prints a failed call: CODE: description, then the google.rpc.Status details.
func printError(err error, o *options) {
	st := status.Convert(err)
	fmt.Fprintf(os.Stderr, "%s: %s\n", strings.ToUpper(codeName(st.Code().String())), st.Message())
	for _, detail := range st.Details() {
		switch d := detail.(type) {
		case *errdetails.BadRequest:
			for _, v := range d.GetFieldViolations() {
				fmt.Fprintf(os.Stderr, "  %s: %s\n", v.GetField(), v.GetDescription())
			}
		default:
			fmt.Fprintf(os.Stderr, "  (%T)\n", d)
		}
	}
}

// codeName turns grpc-go's "InvalidArgument" into the name every other language prints,
// "INVALID_ARGUMENT".
func codeName(s string) string {
	var b strings.Builder
	var previous rune
	for _, r := range s {
		if unicode.IsUpper(r) && unicode.IsLower(previous) {
			b.WriteByte('_')
		}
		b.WriteRune(r)
		previous = r
	}
	return b.String()
}

func printableASCII(s string) bool {
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			return false
		}
	}
	return true
}
