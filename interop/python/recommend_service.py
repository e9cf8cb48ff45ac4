"""A small recommend.UserRecommend: the five articles of interop/catalog.json, most read first.

Its point is the wire, not the ranking: the same fields as the Java recommend-server, the same
INVALID_ARGUMENT with a google.rpc.BadRequest detail for a bad request, and the same exposure token.
"""

import base64
import os
import time

import grpc
from google.protobuf import any_pb2, json_format
from google.rpc import error_details_pb2, status_pb2
from recommend import recommend_pb2, recommend_pb2_grpc

MAX_ARTICLES = 100
CATALOG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "catalog.json")


class RecommendService(recommend_pb2_grpc.UserRecommendServicer):
    def __init__(self):
        with open(CATALOG, encoding="utf-8") as f:
            # The catalog is JSON in the shape of the Catalog message; json_format reads it as such.
            self.articles = list(json_format.Parse(f.read(), recommend_pb2.Catalog()).articles)
        self.articles.sort(key=lambda a: (-(a.info.views + 10 * a.info.shares), a.article_id))

    def Recommend(self, request, context):
        violations = []
        if request.user_id <= 0:
            violations.append(("user_id", f"must be a positive number, not {request.user_id}"))
        if request.article_num < 1:
            violations.append(("article_num", f"must be at least 1, not {request.article_num}"))
        elif request.article_num > MAX_ARTICLES:
            violations.append(("article_num", f"must be at most {MAX_ARTICLES}, not {request.article_num}"))
        if violations:
            _invalid(context, violations)

        # The oneof: at most one of category and author is set; WhichOneof says which.
        restrict = request.WhichOneof("restrict_to")
        chosen = [a for a in self.articles
                  if restrict is None or getattr(a, restrict) == getattr(request, restrict)]
        chosen = chosen[:request.article_num]
        now = int(time.time() * 1000)
        exposure = recommend_pb2.Exposure(user_id=request.user_id, time_stamp=now,
                                          article_ids=[a.article_id for a in chosen])
        return recommend_pb2.ArticleResponse(
            exposure=base64.urlsafe_b64encode(exposure.SerializeToString()).decode().rstrip("="),
            time_stamp=now, recommends=chosen, catalog_size=len(self.articles))


def _invalid(context, violations):
    """Ends the call with INVALID_ARGUMENT and a BadRequest detail listing every field at fault.

    The details travel as a google.rpc.Status in the grpc-status-details-bin trailer; that is all
    grpcio-status's rpc_status.to_status() would do, and Debian has no package for it.
    """
    message = "invalid UserRequest: " + ", ".join(field for field, _ in violations)
    bad_request = error_details_pb2.BadRequest(field_violations=[
        error_details_pb2.BadRequest.FieldViolation(field=f, description=d) for f, d in violations])
    detail = any_pb2.Any()
    detail.Pack(bad_request)
    status = status_pb2.Status(code=grpc.StatusCode.INVALID_ARGUMENT.value[0], message=message,
                               details=[detail])
    context.set_trailing_metadata((("grpc-status-details-bin", status.SerializeToString()),))
    context.abort(grpc.StatusCode.INVALID_ARGUMENT, message)
