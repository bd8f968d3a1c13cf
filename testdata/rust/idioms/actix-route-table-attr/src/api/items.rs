use crate::guard::ApiKey;
use actix_web::web;

#[api_macros::routes(
    routes(
        "" => [get(list_items), post(create_item)],
        "/{item_id}" => [get(get_item), delete(delete_item)],
    ),
    tag = "Items",
)]
pub struct ItemsApi;

pub async fn list_items() -> &'static str {
    "[]"
}
pub async fn create_item(_k: ApiKey, _body: web::Json<String>) -> &'static str {
    "{}"
}
pub async fn get_item(_id: web::Path<u64>) -> &'static str {
    "{}"
}
pub async fn delete_item(_k: ApiKey, _id: web::Path<u64>) -> &'static str {
    ""
}
