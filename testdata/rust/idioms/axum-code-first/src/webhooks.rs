use aide::axum::routing::{get, post_with};
use aide::axum::ApiRouter;

pub fn router() -> ApiRouter {
    ApiRouter::new()
        .api_route("/ping", get(ping).head(ping))
        .api_route_with("/deliver", post_with(deliver, |op| op), |t| t)
}

async fn ping() -> &'static str {
    "pong"
}

async fn deliver() -> &'static str {
    "ok"
}
