//! Prints the description: builds the service only to write its document.
use poem_openapi::OpenApiService;
use shelf_api::api;

fn main() {
    let service = OpenApiService::new(api::BookApi, "Shelves", "1.0");
    println!("{}", service.spec());
}
