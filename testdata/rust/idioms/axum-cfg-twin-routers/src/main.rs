mod server;

#[tokio::main]
async fn main() {
    // The server runs whichever way the `if let` goes: its routes are not conditional.
    if let Err(e) = server::run().await {
        eprintln!("server stopped: {e}");
    }
}
