// No database crate here: `.execute(..)` and `.query(..)` are other APIs' methods.
use axum::extract::{Query, State};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Lookup {
    term: String,
    lang: String,
}

pub async fn lookup(State(app): State<App>, Query(q): Query<Lookup>) -> String {
    app.gifs.find(&q.term, &q.lang).await
}

impl Gifs {
    async fn find(&self, term: &str, lang: &str) -> String {
        let key = format!("{term}:{lang}");
        // A request-coalescing cache keyed by the text.
        self.inflight
            .execute(key, || async move { self.fetch(term).await })
            .await
    }
}

pub async fn search(Query(q): Query<Lookup>) -> String {
    // A typed builder's setter.
    let s = SearchRequest::builder().query(&q.term).limit(20).build();
    s.run().await
}
