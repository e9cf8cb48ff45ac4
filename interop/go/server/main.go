// The Go server: helloworld.Greeter (all five methods, the Java server's replies word for word) and
// a small recommend.UserRecommend, on grpc-go.
//
//	interop/target/go/bin/server [--port 50051] [--tls-cert FILE --tls-key FILE] [--delay 2s]
//	                             [--replies 5] [--echo-metadata]
//
// interop/generate.sh builds it.
package main

import (
	"flag"
	"log"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	_ "google.golang.org/grpc/encoding/gzip" // registers gzip: without it, gzip requests are UNIMPLEMENTED

	pb "grpcsamples.dev/helloworld"
	rpb "grpcsamples.dev/recommend"
)

func main() {
	port := flag.Int("port", 50051, "port to listen on; 0 picks a free one")
	tlsCert := flag.String("tls-cert", "", "serve TLS with this certificate `FILE`")
	tlsKey := flag.String("tls-key", "", "and this private key `FILE`")
	replies := flag.Int("replies", 5, "LotsOfReplies sends N replies")
	delay := flag.Duration("delay", 0, "make SayHello and SayHelloAgain this slow, e.g. 2s")
	catalog := flag.String("catalog", defaultCatalog(), "the articles, as JSON (a Catalog message)")
	echo := flag.Bool("echo-metadata", false, "send served-by, and every request header back as an echo-KEY trailer")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("")
	log.SetOutput(timestamped{})

	recommender, err := newRecommendService(*catalog)
	if err != nil {
		log.Fatalf("%s: %v", *catalog, err)
	}
	var options []grpc.ServerOption
	if *echo {
		// Interceptors see every call: the metadata echo lives there, so no method has to do it.
		options = append(options, grpc.UnaryInterceptor(echoUnary), grpc.StreamInterceptor(echoStream))
	}
	mode := "plaintext"
	if *tlsCert != "" {
		creds, err := credentials.NewServerTLSFromFile(*tlsCert, *tlsKey)
		if err != nil {
			log.Fatalf("TLS: %v", err)
		}
		options, mode = append(options, grpc.Creds(creds)), "TLS"
	}
	server := grpc.NewServer(options...)
	pb.RegisterGreeterServer(server, &greeter{replies: *replies, delay: *delay})
	rpb.RegisterUserRecommendServer(server, recommender)

	lis, err := net.Listen("tcp", net.JoinHostPort("", itoa(*port)))
	if err != nil {
		log.Fatalf("cannot listen: %v", err)
	}
	log.Printf("INFO go-server listening on port %d (%s)", lis.Addr().(*net.TCPAddr).Port, mode)

	// Ctrl-C or SIGTERM: GracefulStop refuses new calls and waits for the ones in flight.
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		<-signals
		server.GracefulStop()
	}()
	if err := server.Serve(lis); err != nil {
		log.Fatalf("serve: %v", err)
	}
	log.Printf("INFO go-server stopped")
}

// defaultCatalog is interop/catalog.json, found from where generate.sh puts this program
// (interop/target/go/bin/server).
func defaultCatalog() string {
	exe, err := os.Executable()
	if err != nil {
		return "interop/catalog.json"
	}
	return filepath.Join(filepath.Dir(exe), "..", "..", "..", "catalog.json")
}
