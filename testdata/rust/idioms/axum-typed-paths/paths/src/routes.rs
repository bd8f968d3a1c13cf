// Path types of the whole site, one module per area; the same type names recur.
pub mod things {
    use axum_extra::routing::TypedPath;
    use serde::Deserialize;

    #[derive(TypedPath, Deserialize)]
    #[typed_path("/t/{team}/things")]
    pub struct Index {
        pub team: i32,
    }

    #[derive(TypedPath, Deserialize)]
    #[typed_path("/t/{team}/things/{id}/delete", rejection(PathRejection))]
    pub struct Delete {
        pub team: i32,
        pub id: i32,
    }
}

pub mod teams {
    use axum_extra::routing::TypedPath;
    use serde::Deserialize;

    #[derive(TypedPath, Deserialize)]
    #[typed_path("/teams")]
    pub struct Index {}

    #[derive(TypedPath, Deserialize)]
    #[typed_path("/teams/new")]
    pub struct New {}

    #[derive(TypedPath, Deserialize)]
    #[typed_path("/teams/:team/members")]
    pub struct Members {
        pub team: i32,
    }
}

// Two path types one generic handler serves.
pub mod blobs {
    use axum_extra::routing::TypedPath;
    use serde::Deserialize;

    #[derive(TypedPath, Deserialize)]
    #[typed_path("/blobs/{kind}/{name}")]
    pub struct Blob {
        pub kind: String,
        pub name: String,
    }

    #[derive(TypedPath, Deserialize)]
    #[typed_path("/keys/{name}")]
    pub struct Key {
        pub name: String,
    }
}
