package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	pb "grpcsamples.dev/helloworld"
	rpb "grpcsamples.dev/recommend"
)

var streamNames = []string{"Ada", "Grace", "Alan"}

func namesOr(o *options, defaults ...string) []string {
	if len(o.names) > 0 {
		return o.names
	}
	return defaults
}

func hello(ctx context.Context, conn *grpc.ClientConn, o *options) error {
	return unary(ctx, o, pb.NewGreeterClient(conn).SayHello)
}

func again(ctx context.Context, conn *grpc.ClientConn, o *options) error {
	return unary(ctx, o, pb.NewGreeterClient(conn).SayHelloAgain)
}

// unary makes one call per --name. grpc.Header and grpc.Trailer ask for the metadata of a unary call.
func unary(ctx context.Context, o *options,
	method func(context.Context, *pb.HelloRequest, ...grpc.CallOption) (*pb.HelloReply, error)) error {
	for _, name := range namesOr(o, "world") {
		var header, trailer metadata.MD
		reply, err := method(ctx, &pb.HelloRequest{Name: name}, grpc.Header(&header), grpc.Trailer(&trailer))
		if err != nil {
			return err
		}
		showMetadata(o, "header", header)
		showMetadata(o, "trailer", trailer)
		fmt.Println(reply.GetMessage())
	}
	return nil
}

func replies(ctx context.Context, conn *grpc.ClientConn, o *options) error {
	for _, name := range namesOr(o, "world") {
		stream, err := pb.NewGreeterClient(conn).LotsOfReplies(ctx, &pb.HelloRequest{Name: name})
		if err != nil {
			return err
		}
		if err := receiveAll(stream, o); err != nil {
			return err
		}
	}
	return nil
}

func greetings(ctx context.Context, conn *grpc.ClientConn, o *options) error {
	stream, err := pb.NewGreeterClient(conn).LotsOfGreetings(ctx)
	if err != nil {
		return err
	}
	for _, name := range namesOr(o, streamNames...) {
		// io.EOF here means the server has already answered (after the goodbye): stop sending.
		if err := stream.Send(&pb.HelloRequest{Name: name}); err == io.EOF {
			break
		} else if err != nil {
			return err
		}
	}
	reply, err := stream.CloseAndRecv()
	if err != nil {
		return err
	}
	printMetadata(stream, o)
	fmt.Println(reply.GetMessage())
	return nil
}

func bidi(ctx context.Context, conn *grpc.ClientConn, o *options) error {
	stream, err := pb.NewGreeterClient(conn).BidiHello(ctx)
	if err != nil {
		return err
	}
	for _, name := range namesOr(o, streamNames...) {
		if err := stream.Send(&pb.HelloRequest{Name: name}); err != nil {
			break // the stream has ended: Recv says how
		}
	}
	stream.CloseSend()
	return receiveAll(stream, o)
}

// receiveAll prints each reply until the stream ends; io.EOF is the normal end (status OK).
func receiveAll(stream interface {
	Recv() (*pb.HelloReply, error)
	grpc.ClientStream
}, o *options) error {
	for {
		reply, err := stream.Recv()
		if err == io.EOF {
			printMetadata(stream, o)
			return nil
		}
		if err != nil {
			return err
		}
		fmt.Println(reply.GetMessage())
	}
}

func printMetadata(stream grpc.ClientStream, o *options) {
	header, _ := stream.Header()
	showMetadata(o, "header", header)
	showMetadata(o, "trailer", stream.Trailer())
}

func all(ctx context.Context, conn *grpc.ClientConn, o *options) error {
	for _, c := range []struct {
		title string
		call  func(context.Context, *grpc.ClientConn, *options) error
	}{
		{"SayHello (unary)", hello}, {"SayHelloAgain (unary)", again},
		{"LotsOfReplies (server streaming)", replies}, {"LotsOfGreetings (client streaming)", greetings},
		{"BidiHello (bidirectional streaming)", bidi},
	} {
		fmt.Println("# " + c.title)
		if err := c.call(ctx, conn, o); err != nil {
			return err
		}
	}
	return nil
}

func recommend(ctx context.Context, conn *grpc.ClientConn, o *options) error {
	request := &rpb.UserRequest{UserId: int32(o.user), ArticleNum: int32(o.count), TimeStamp: time.Now().UnixMilli()}
	var header, trailer metadata.MD
	response, err := rpb.NewUserRecommendClient(conn).Recommend(ctx, request, grpc.Header(&header), grpc.Trailer(&trailer))
	if err != nil {
		return err
	}
	showMetadata(o, "header", header)
	showMetadata(o, "trailer", trailer)
	if o.json {
		// protojson is protobuf's JSON mapping: lowerCamelCase names, like Java's JsonFormat.
		fmt.Println(protojson.Format(response))
		return nil
	}
	fmt.Printf("Top %d of %d articles for user %d\n", len(response.GetRecommends()), response.GetCatalogSize(), o.user)
	for i, a := range response.GetRecommends() {
		fmt.Printf("%3d %5d  %s  (views %d, shares %d)\n", i+1, a.GetArticleId(), a.GetTitle(),
			a.GetInfo().GetViews(), a.GetInfo().GetShares())
	}
	fmt.Println("exposure: " + describeExposure(response.GetExposure()))
	return nil
}

// describeExposure reads the exposure token: base64url, without padding, of an Exposure message.
func describeExposure(token string) string {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	var exposure rpb.Exposure
	if err == nil {
		err = proto.Unmarshal(raw, &exposure)
	}
	if err != nil {
		return fmt.Sprintf("(cannot decode the token: %v)", err)
	}
	ids := make([]string, len(exposure.GetArticleIds()))
	for i, id := range exposure.GetArticleIds() {
		ids[i] = fmt.Sprint(id)
	}
	when := time.UnixMilli(exposure.GetTimeStamp()).UTC().Format("2006-01-02T15:04:05.000Z07:00")
	return fmt.Sprintf("user %d at %s was shown articles %s", exposure.GetUserId(), when, strings.Join(ids, ", "))
}
