package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	rpb "grpcsamples.dev/recommend"
)

const maxArticles = 100

// recommendService is a small recommend.UserRecommend: the articles of interop/catalog.json, most
// read first. Its point is the wire, not the ranking: the same fields as the Java recommend-server,
// the same INVALID_ARGUMENT with a google.rpc.BadRequest detail, the same exposure token.
type recommendService struct {
	rpb.UnimplementedUserRecommendServer
	articles []*rpb.Article
}

func newRecommendService(file string) (*recommendService, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	// The catalog is protobuf's JSON mapping of a Catalog message; protojson reads it as such.
	var catalog rpb.Catalog
	if err := protojson.Unmarshal(data, &catalog); err != nil {
		return nil, err
	}
	articles := catalog.GetArticles()
	popularity := func(a *rpb.Article) int64 { return a.GetInfo().GetViews() + 10*a.GetInfo().GetShares() }
	sort.SliceStable(articles, func(i, j int) bool { return popularity(articles[i]) > popularity(articles[j]) })
	return &recommendService{articles: articles}, nil
}

func (s *recommendService) Recommend(_ context.Context, r *rpb.UserRequest) (*rpb.ArticleResponse, error) {
	var violations []*errdetails.BadRequest_FieldViolation
	if r.GetUserId() <= 0 {
		violations = append(violations, violation("user_id", "must be a positive number, not %d", r.GetUserId()))
	}
	if r.GetArticleNum() < 1 {
		violations = append(violations, violation("article_num", "must be at least 1, not %d", r.GetArticleNum()))
	} else if r.GetArticleNum() > maxArticles {
		violations = append(violations, violation("article_num", "must be at most %d, not %d", maxArticles, r.GetArticleNum()))
	}
	if len(violations) > 0 {
		return nil, invalid(violations)
	}

	var chosen []*rpb.Article
	var ids []int32
	for _, a := range s.articles {
		// The oneof is an interface field; a type switch says which one is set, if any.
		switch restrict := r.GetRestrictTo().(type) {
		case *rpb.UserRequest_Category:
			if a.GetCategory() != restrict.Category {
				continue
			}
		case *rpb.UserRequest_Author:
			if a.GetAuthor() != restrict.Author {
				continue
			}
		}
		if len(chosen) < int(r.GetArticleNum()) {
			chosen, ids = append(chosen, a), append(ids, a.GetArticleId())
		}
	}
	now := time.Now().UnixMilli()
	exposure, err := proto.Marshal(&rpb.Exposure{UserId: r.GetUserId(), TimeStamp: now, ArticleIds: ids})
	if err != nil {
		return nil, err
	}
	return &rpb.ArticleResponse{Exposure: base64.RawURLEncoding.EncodeToString(exposure), TimeStamp: now,
		Recommends: chosen, CatalogSize: int32(len(s.articles))}, nil
}

func violation(field, format string, args ...interface{}) *errdetails.BadRequest_FieldViolation {
	return &errdetails.BadRequest_FieldViolation{Field: field, Description: fmt.Sprintf(format, args...)}
}

// invalid is INVALID_ARGUMENT with a BadRequest detail listing every field at fault; WithDetails
// puts it in the grpc-status-details-bin trailer as a google.rpc.Status.
func invalid(violations []*errdetails.BadRequest_FieldViolation) error {
	fields := make([]string, len(violations))
	for i, v := range violations {
		fields[i] = v.GetField()
	}
	st, err := status.New(codes.InvalidArgument, "invalid UserRequest: "+strings.Join(fields, ", ")).
		WithDetails(&errdetails.BadRequest{FieldViolations: violations})
	if err != nil {
		return status.Error(codes.Internal, err.Error())
	}
	return st.Err()
}
