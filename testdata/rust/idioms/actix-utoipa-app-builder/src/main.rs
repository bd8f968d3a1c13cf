mod docs;
mod entries;
mod server;
mod test_app;

use server::ServerBuilder;

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    ServerBuilder::new()
        .workers(4)
        .configure(move |svc| entries::configure(svc))
        .post_configure(|svc| {
            svc.route("/", actix_web::web::get().to(server::home));
        })
        .run()
        .await
}
