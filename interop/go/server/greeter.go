package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	pb "grpcsamples.dev/helloworld"
)

// goodbye is "until we meet again": LotsOfGreetings answers at once.
const goodbye = "后会有期"

type greeter struct {
	pb.UnimplementedGreeterServer
	replies int
	delay   time.Duration
}

func (g *greeter) SayHello(ctx context.Context, r *pb.HelloRequest) (*pb.HelloReply, error) {
	if err := g.checkAndWait(ctx, "SayHello", r); err != nil {
		return nil, err
	}
	return &pb.HelloReply{Message: "Hello, " + r.GetName() + "!"}, nil
}

func (g *greeter) SayHelloAgain(ctx context.Context, r *pb.HelloRequest) (*pb.HelloReply, error) {
	if err := g.checkAndWait(ctx, "SayHelloAgain", r); err != nil {
		return nil, err
	}
	return &pb.HelloReply{Message: "Hello again, " + r.GetName() + "!"}, nil
}

func (g *greeter) LotsOfReplies(r *pb.HelloRequest, stream pb.Greeter_LotsOfRepliesServer) error {
	for i := 1; i <= g.replies; i++ {
		msg := fmt.Sprintf("Hello, %s! (reply %d of %d)", r.GetName(), i, g.replies)
		if err := stream.Send(&pb.HelloReply{Message: msg}); err != nil {
			return err // the client cancelled, or its deadline passed
		}
	}
	return nil
}

func (g *greeter) LotsOfGreetings(stream pb.Greeter_LotsOfGreetingsServer) error {
	var names []string
	for {
		r, err := stream.Recv()
		if err == io.EOF {
			return stream.SendAndClose(&pb.HelloReply{Message: "Hello to all " + count(names) + listing(names) + "!"})
		}
		if err != nil {
			return err
		}
		if r.GetName() == goodbye { // answer now; the requests still coming are never read
			return stream.SendAndClose(&pb.HelloReply{Message: goodbye + "! Goodbye after " + count(names) + listing(names)})
		}
		names = append(names, r.GetName())
	}
}

func (g *greeter) BidiHello(stream pb.Greeter_BidiHelloServer) error {
	for {
		r, err := stream.Recv()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := stream.Send(&pb.HelloReply{Message: "Hello, " + r.GetName() + "!"}); err != nil {
			return err
		}
	}
}

// checkAndWait rejects an empty name, then works for --delay, but stops when the call's context is
// done: the client cancelled, or the deadline (which travels with the call) passed.
func (g *greeter) checkAndWait(ctx context.Context, method string, r *pb.HelloRequest) error {
	if r.GetName() == "" {
		return status.Error(codes.InvalidArgument, "name must not be empty")
	}
	select {
	case <-time.After(g.delay):
		return nil
	case <-ctx.Done():
		reason := "cancelled by the client"
		if ctx.Err() == context.DeadlineExceeded {
			reason = "the deadline passed"
		}
		log.Printf("INFO %s(%s) stopped before answering: %s", method, r.GetName(), reason)
		return status.Error(codes.Canceled, reason)
	}
}

func count(names []string) string {
	if len(names) == 1 {
		return "1 name"
	}
	return fmt.Sprintf("%d names", len(names))
}

func listing(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return ": " + strings.Join(names, ", ")
}

// echoUnary and echoStream send served-by (and, for a call with a deadline, what is left of it)
// as headers, and every request header back as an echo-KEY trailer.
func echoUnary(ctx context.Context, req interface{}, _ *grpc.UnaryServerInfo, next grpc.UnaryHandler) (interface{}, error) {
	grpc.SetHeader(ctx, headersFor(ctx))
	grpc.SetTrailer(ctx, echoOf(ctx))
	return next(ctx, req)
}

func echoStream(srv interface{}, ss grpc.ServerStream, _ *grpc.StreamServerInfo, next grpc.StreamHandler) error {
	ss.SetHeader(headersFor(ss.Context()))
	ss.SetTrailer(echoOf(ss.Context()))
	return next(srv, ss)
}

func headersFor(ctx context.Context) metadata.MD {
	headers := metadata.Pairs("served-by", "go-server")
	// The client's deadline arrives on the call's context.
	if deadline, ok := ctx.Deadline(); ok {
		left := time.Until(deadline).Milliseconds()
		if left < 0 {
			left = 0
		}
		headers.Append("deadline-remaining", fmt.Sprintf("%dms", left))
	}
	return headers
}

func echoOf(ctx context.Context) metadata.MD {
	in, _ := metadata.FromIncomingContext(ctx)
	echo := metadata.MD{}
	for key, values := range in {
		if strings.HasPrefix(key, "grpc-") || strings.HasPrefix(key, ":") ||
			key == "user-agent" || key == "content-type" || key == "te" {
			continue
		}
		echo.Append("echo-"+key, values...)
	}
	return echo
}
