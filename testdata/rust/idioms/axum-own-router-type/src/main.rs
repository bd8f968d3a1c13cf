// A type of the project named `Router` (a module's HTTP handler table, not axum's), with
// methods of its own named like axum's (`merge`, `any`): calls of methods so named on other
// values (merging metrics, `iter().any(..)`) are no router's.
use axum::routing::get;

mod table;

pub struct Metrics {
    calls: u64,
}

impl Metrics {
    pub fn merge(&mut self, other: Metrics) {
        self.calls += other.calls;
    }
}

pub struct Tx {
    pub metrics: Metrics,
}

pub fn record(tx: &mut Tx, metrics: Metrics) {
    tx.metrics.merge(metrics);
}

pub fn any_large(sizes: &[u32]) -> bool {
    sizes.iter().any(|s| *s > 1024)
}

async fn health() -> &'static str {
    "ok"
}

#[tokio::main]
async fn main() {
    let app = axum::Router::new().route("/health", get(health));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
