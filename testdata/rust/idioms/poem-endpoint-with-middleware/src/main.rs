use poem::http::StatusCode;
use poem::listener::TcpListener;
use poem::{get, handler, post, Endpoint, EndpointExt, Error, Middleware, Request, Result, Route, Server};

/// Turns away a request without credentials.
pub struct SessionMiddleware;

pub struct SessionEndpoint<E> {
    inner: E,
}

impl<E: Endpoint> Middleware<E> for SessionMiddleware {
    type Output = SessionEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        SessionEndpoint { inner: ep }
    }
}

impl<E: Endpoint> Endpoint for SessionEndpoint<E> {
    type Output = E::Output;

    async fn call(&self, req: Request) -> Result<Self::Output> {
        if req.headers().get("authorization").is_none() {
            return Err(Error::from_status(StatusCode::UNAUTHORIZED));
        }
        self.inner.call(req).await
    }
}

#[handler]
fn query() -> &'static str {
    "rows"
}

#[handler]
fn health() -> &'static str {
    "ok"
}

fn query_route() -> Route {
    // Each endpoint of the table wrapped in the middleware before it is added.
    let rules = [("/query", post(query)), ("/query/:id", get(query))];
    let mut route = Route::new();
    for (path, endpoint) in rules.into_iter() {
        route = route.at(path, endpoint.with(SessionMiddleware));
    }
    route
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let app = Route::new()
        .at("/health", get(health))
        .at("/v1/verify", post(query).with(SessionMiddleware))
        .nest("/v1", query_route());
    Server::new(TcpListener::bind("0.0.0.0:8000")).run(app).await
}
