use tallybook::{cli, web};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match std::env::args().nth(1).as_deref() {
        Some("spec") => {
            println!("{}", cli::write_spec()?);
            Ok(())
        }
        _ => web::start("127.0.0.1:3000".parse()?).await,
    }
}
