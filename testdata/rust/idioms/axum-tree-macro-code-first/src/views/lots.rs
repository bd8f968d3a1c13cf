use axum::extract::Path;

#[utoipa::path(get, path = "", responses((status = 200)))]
async fn list() -> &'static str {
    "[]"
}

#[utoipa::path(post, path = "", responses((status = 201)))]
async fn create() -> &'static str {
    "{}"
}

#[utoipa::path(get, path = "", responses((status = 200)))]
async fn show(Path(lot_id): Path<u64>) -> String {
    lot_id.to_string()
}

#[utoipa::path(delete, path = "", responses((status = 204)))]
async fn remove(Path(lot_id): Path<u64>) -> String {
    lot_id.to_string()
}

crate::tree! {
    "/lots" => {
        list,
        create,
        "/{lot_id}" => {
            show,
            remove,
        },
    },
}
