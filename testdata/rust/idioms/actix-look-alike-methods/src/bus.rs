/// Addresses on the node's message bus (no HTTP): `points.service("identity")`.
#[derive(Clone, Default)]
pub struct BindPoints {
    prefix: String,
}

impl BindPoints {
    pub fn service(self, name: &str) -> Self {
        BindPoints { prefix: format!("{}/{name}", self.prefix) }
    }
}

pub struct Identity;

impl Identity {
    /// Binds the identity service under the given prefix (started by the node, not here).
    pub async fn bind(base: Option<BindPoints>) -> std::sync::Arc<BindPoints> {
        let points = base.unwrap_or_default();
        std::sync::Arc::new(points.clone().service(node_model::identity::service_name))
    }
}

pub struct Scan {
    pub offers: Vec<u64>,
}

/// Gathers offers page by page: a `Vec::extend`, no scope's.
pub async fn gather(ctx: &mut Scan, points: BindPoints, page: Vec<u64>) {
    let _from = points.service("offers");
    ctx.offers.extend(page.into_iter())
}
