// A small recommend.UserRecommend: the five articles of interop/catalog.json, most read first.
// Its point is the wire, not the ranking: the same fields as the Java recommend-server, the same
// INVALID_ARGUMENT with a google.rpc.BadRequest detail for a bad request, the same exposure token.
'use strict';

const fs = require('fs');
const path = require('path');
const {grpc, Status, BadRequest, Exposure} = require('./protos');

const MAX_ARTICLES = 100;
// The catalog is protobuf's JSON mapping of a Catalog message (lowerCamelCase names, a Timestamp as
// an RFC 3339 string). protobufjs's fromObject reads something else: the field names as loaded
// (article_id here, with keepCase) and a Timestamp as {seconds, nanos}. So the mapping is done by hand.
const catalog = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'catalog.json'), 'utf8'));
const articles = catalog.articles.map((a) => ({
  article_id: a.articleId, title: a.title, category: a.category, author: a.author,
  published: {seconds: String(Date.parse(a.published) / 1000), nanos: 0},
  info: {views: String(a.info.views), shares: String(a.info.shares)},
}));
const popularity = (a) => Number(a.info.views) + 10 * Number(a.info.shares);
articles.sort((a, b) => popularity(b) - popularity(a) || a.article_id - b.article_id);

function Recommend(call, callback) {
  const request = call.request;
  const violations = [];
  if (request.user_id <= 0) {
    violations.push({field: 'user_id', description: `must be a positive number, not ${request.user_id}`});
  }
  if (request.article_num < 1) {
    violations.push({field: 'article_num', description: `must be at least 1, not ${request.article_num}`});
  } else if (request.article_num > MAX_ARTICLES) {
    violations.push({field: 'article_num', description: `must be at most ${MAX_ARTICLES}, not ${request.article_num}`});
  }
  if (violations.length) return callback(invalid(violations));

  // The oneof: with oneofs: true, restrict_to names the field that is set, if any.
  const restrict = request.restrict_to;
  const chosen = articles.filter((a) => !restrict || a[restrict] === request[restrict]).slice(0, request.article_num);
  const now = Date.now();
  const exposure = Exposure.encode({user_id: request.user_id, time_stamp: now,
    article_ids: chosen.map((a) => a.article_id)}).finish();
  callback(null, {exposure: Buffer.from(exposure).toString('base64url'), time_stamp: String(now),
    recommends: chosen, catalog_size: articles.length});
}

// INVALID_ARGUMENT with a BadRequest detail listing every field at fault. The details travel as a
// google.rpc.Status in the grpc-status-details-bin trailer; grpc-js has no helper, so it is built here.
function invalid(violations) {
  const message = 'invalid UserRequest: ' + violations.map((v) => v.field).join(', ');
  const status = Status.encode({code: grpc.status.INVALID_ARGUMENT, message, details: [{
    type_url: 'type.googleapis.com/google.rpc.BadRequest',
    value: BadRequest.encode({field_violations: violations}).finish(),
  }]}).finish();
  const metadata = new grpc.Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(status));
  return {code: grpc.status.INVALID_ARGUMENT, details: message, metadata};
}

module.exports = {Recommend};
